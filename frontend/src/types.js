// @ts-check
/**
 * The shapes of what the API sends the pages, as the pages read them (JSDoc typedefs checked by
 * `npm run typecheck`; nothing here runs). A module names the types it uses with a JSDoc
 * import, `@import { CaseView } from '../types.js'`. Fields the pages do not read are left
 * out; the server's views (AccidentViews, PlanViews, the payment views) are the whole shape.
 * Times are ISO-8601 strings in UTC, money integer fen, coordinates WGS-84.
 */

// ---- the shell ----

/**
 * @typedef {'driver' | 'parent' | 'police' | 'police_supervisor' | 'coordinator' | 'insurer'
 *     | 'hospital' | 'fund' | 'admin'} Role
 */

/**
 * The signed-in user (/auth/me, and `user` of a sign-in answer).
 * @typedef {object} User
 * @property {string} id
 * @property {string | null} [displayName]
 * @property {string | null} [username]
 * @property {string | null} [phone]
 * @property {Role[]} roles
 */

/**
 * A sign-in answer (/auth/login, /auth/otp/verify).
 * @typedef {object} SignIn
 * @property {string} token
 * @property {User} user
 */

/**
 * The JSON error body of every failed request.
 * @typedef {object} ErrorBody
 * @property {string} code UPPER_SNAKE, stable
 * @property {string} [message] "中文 / English"
 * @property {string | null} [field] the input at fault
 * @property {string} [requestId]
 */

/**
 * What a page checks itself before sending: shown like an API error (forms.js `showError`).
 * @typedef {object} PageError
 * @property {string} key the dictionary key of the text
 * @property {string} [field]
 * @property {Record<string, unknown>} [params]
 */

/**
 * A view: fills `outlet` and may return a cleanup that runs when the page is left.
 * @typedef {(outlet: HTMLElement, context: RouteContext)
 *     => Promise<(() => void) | undefined | void>} View
 */

/**
 * @typedef {object} RouteContext
 * @property {Record<string, string>} params the `:name` parts of the route
 * @property {Record<string, string>} query
 */

/**
 * A server text in both languages.
 * @typedef {object} Bilingual
 * @property {string} zh
 * @property {string} en
 */

// ---- the map (MapRoutes) ----

/**
 * A point, WGS-84.
 * @typedef {object} LatLon
 * @property {number} lat
 * @property {number} lon
 */

/**
 * The map's extent (GET /map/info): its box, a centre on a road near its middle.
 * @typedef {object} MapInfo
 * @property {{ minLat: number, minLon: number, maxLat: number, maxLon: number }} bounds
 * @property {LatLon} center
 * @property {string} attribution
 */

/**
 * The road point nearest a point (GET /map/snap).
 * @typedef {object} RoadSnap
 * @property {number} lat
 * @property {number} lon
 * @property {number} distanceMetres
 * @property {string | null} roadName
 * @property {string | null} roadClass
 * @property {boolean} expresswayOrRamp
 */

/**
 * The properties of a road line of GET /map/roads (a GeoJSON FeatureCollection of LineStrings).
 * @typedef {object} RoadProperties
 * @property {string | null} name
 * @property {string | null} roadClass
 * @property {boolean} link
 */

// ---- accidents (AccidentViews) ----

/**
 * @typedef {'DRAFT' | 'EVIDENCE' | 'PARTIES' | 'LIABILITY' | 'AGREED' | 'POLICE_REVIEW'
 *     | 'SUPPLEMENT' | 'DECIDED' | 'CLOSED' | 'CANCELLED'} CaseState
 */

/**
 * @typedef {'FULL' | 'MAIN' | 'EQUAL' | 'SECONDARY' | 'NONE'} Grade
 */

/**
 * @typedef {object} CaseLocation
 * @property {number} lat
 * @property {number} lon
 * @property {number | null} [roadLat]
 * @property {number | null} [roadLon]
 * @property {string | null} roadName
 * @property {string | null} [roadClass]
 * @property {boolean} [expressway]
 * @property {NearbyName | null} [crossStreet] the cross street nearest along the road
 * @property {NearbyName | null} [landmark] the nearest landmark
 */

/**
 * A name on the map near a point, as the server reads it from the extract, and how far it is.
 * @typedef {{ name: string, metres: number }} NearbyName
 */

/**
 * One party of a case as its phone sees it (`me` is the signed-in driver).
 * @typedef {object} Party
 * @property {string} label 'A', 'B', ...
 * @property {boolean} me
 * @property {string | null} name
 * @property {string | null} [phone] masked except for police
 * @property {string | null} plate
 * @property {string | null} vehicleType
 * @property {string | null} licenceNo
 * @property {string | null} insurerCode
 * @property {string | null} policyNo
 * @property {string | null} collisionPart
 * @property {boolean} complete
 * @property {boolean} stated
 * @property {boolean} signed
 */

/**
 * @typedef {object} Photo
 * @property {string | null} id
 * @property {string} contentType
 * @property {number} sizeBytes
 */

/**
 * A photo the case needs (`photo` null until uploaded).
 * @typedef {object} PhotoSlot
 * @property {string} slot e.g. 'OVERVIEW', 'DAMAGE_浙F12345'
 * @property {string} kind
 * @property {string | null} plate
 * @property {Photo | null} photo
 */

/**
 * A reason (eligibility, decision) with its code and its words.
 * @typedef {Bilingual & { code?: string }} Reason
 */

/**
 * @typedef {object} Decision
 * @property {'SETTLED' | 'DISPUTED' | string} outcome
 * @property {Record<string, Grade>} grades by party label
 * @property {Reason[]} reasons
 */

/**
 * @typedef {object} PoliceDecision
 * @property {Record<string, Grade>} grades
 * @property {string | null} [note]
 */

/**
 * @typedef {object} Statement
 * @property {boolean} [declined]
 * @property {Record<string, string>} assessments what the author says about each party
 *     (a scenario code, NOT_AT_FAULT or UNLISTED_FAULT)
 * @property {string} [account] the author's own words when no listed situation fits
 */

/**
 * One accident case (GET /accidents/{id}, and the answer of every change to it).
 * @typedef {object} CaseView
 * @property {string} id
 * @property {string} caseNo
 * @property {CaseState} state
 * @property {number} version
 * @property {string} occurredAt
 * @property {string} weather SUNNY, RAIN, ...
 * @property {string} accidentForm REAR_END_COLLISION, ...
 * @property {CaseLocation} location
 * @property {string[]} plates
 * @property {string} shareCode
 * @property {string} myLabel
 * @property {Party[]} parties
 * @property {PhotoSlot[]} photos
 * @property {Bilingual[]} flags
 * @property {{ selfServiceAllowed: boolean, reasons: Reason[] } | null} eligibility
 * @property {boolean} medicalAdvance
 * @property {Decision | null} decision
 * @property {PoliceDecision | null} policeDecision
 * @property {Record<string, Statement>} statements by author label
 * @property {string[]} [allowedActions] what the signed-in party may do next
 * @property {{ verificationCode: string, signedAt: string }} [agreement] once agreed
 * @property {{ note: string, items: { kind: string, target: string, party: string | null,
 *     done: boolean }[] } | null} [sendBack] what the police asked for (SUPPLEMENT)
 * @property {{ verificationCode: string, issuedAt: string, content: { parties: { label: string,
 *     grade: string }[] } } | null} [determination] the police determination, once issued
 * @property {string | null} [reviewUntil] the last moment to ask for review
 * @property {string | null} [reviewRequestedAt]
 * @property {boolean} [settlementHeld] flags hold the settlement until the police looked
 */

/**
 * A row of my cases (GET /accidents) or of the police queue (GET /police/accidents).
 * @typedef {object} CaseSummary
 * @property {string} id
 * @property {string} caseNo
 * @property {CaseState} state
 * @property {string} reportedAt
 * @property {string | null} roadName
 * @property {string[]} plates
 * @property {string | null} [reason] why police see it
 */

/**
 * @typedef {object} Scenario
 * @property {string} code
 * @property {string} nameZh
 * @property {string} nameEn
 * @property {string} [descriptionZh] one plain line
 * @property {string} [descriptionEn]
 */

/**
 * @typedef {object} Insurer
 * @property {string} code
 * @property {string} nameZh
 * @property {string} [nameEn]
 */

/**
 * What a share code leads to, shown before signing in (plates with their middle hidden).
 * @typedef {object} JoinPreview
 * @property {string} caseNo
 * @property {string} occurredAt
 * @property {string | null} roadName
 * @property {string[]} plates
 * @property {boolean} joinable
 */

/**
 * An insurer's notification of an agreed case.
 * @typedef {object} InsurerNotification
 * @property {string} insurer
 * @property {'PENDING' | 'DELIVERED' | 'FAILED' | string} status
 */

/**
 * A case near a new report that shares a plate (POST /accidents answers `created: false`).
 * @typedef {object} DuplicateOffer
 * @property {string} caseId
 * @property {string[]} sharedPlates
 * @property {number} distanceMetres
 */

/**
 * POST /accidents: the new case, or (`created: false`) the open cases near it that share a
 * plate, offered instead.
 * @typedef {(CaseView & { created?: undefined })
 *     | { created: false, duplicates: DuplicateOffer[] }} ReportAnswer
 */

/**
 * GET /agreements/{code}/verify.
 * @typedef {object} Verification
 * @property {boolean} genuine
 * @property {{ caseNo: string, place: string, occurredAt: string,
 *     parties: { label: string, plate: string, insurer: string, insurerZh?: string,
 *         insurerEn?: string, liability: Grade }[] }
 *     | null} agreement
 */

// ---- medical advance payments (医疗垫付) ----

/**
 * @typedef {'APPLIED' | 'NOTICED' | 'BILLED' | 'APPROVED' | 'PAID' | 'REJECTED' | 'WITHDRAWN'
 *     | 'CLOSED' | string} ApplicationState
 */

/**
 * A payer of an application (an insurer, or the assistance fund 救助基金).
 * @typedef {object} ApplicationPayer
 * @property {string} payerId
 * @property {string} name
 * @property {'INSURER' | 'ASSISTANCE_FUND'} kind
 * @property {'UNDETERMINED' | 'LIABLE' | 'NOT_LIABLE'} liabilityState
 * @property {string[]} [fundGrounds]
 * @property {number} advancedFen
 * @property {number | null} [capFen]
 */

/**
 * @typedef {object} Bill
 * @property {string} id
 * @property {string} submittedAt
 * @property {string} reviewDueAt when the payer's review is due (5 working days)
 * @property {number} totalFen
 * @property {number} unpaidFen
 */

/**
 * A payment instruction of a payer for a bill.
 * @typedef {object} PaymentInstruction
 * @property {string} id
 * @property {string} payerId
 * @property {number | null} paidFen
 * @property {number | null} [excessFen]
 * @property {string | null} [excessHandling]
 * @property {string | null} [disbursedAt]
 * @property {string | null} [reversedAt]
 */

/**
 * @typedef {object} TimelineEvent
 * @property {string} at
 * @property {string} what
 * @property {'APPLICANT' | 'POLICE' | 'HOSPITAL' | 'PAYER' | 'SYSTEM'} actorRole
 * @property {string | null} actorName the payer, hospital or police unit that acted
 * @property {string} textZh
 * @property {string} textEn
 */

/** @typedef {'SELF' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'OTHER'} InjuredRelation */

/**
 * A payment application (GET /payments/applications/{id}); the list rows carry the first
 * fields only.
 * @typedef {object} PaymentApplication
 * @property {string} id
 * @property {string} caseId
 * @property {string} injuredPersonId the injured person's name as the applicant gave it
 * @property {InjuredRelation | null} injuredRelation
 * @property {string | null} injuredIdNumber masked (3304**********1234) unless the reader
 *     acts on the application (police, its hospital, its payers)
 * @property {string} hospitalId
 * @property {string} hospitalName
 * @property {string} accidentAt
 * @property {string} noticeDueAt when the police notice is due (3 working days)
 * @property {ApplicationState} state
 * @property {{ policeNotice: boolean, fundReview: boolean }} overdue
 * @property {ApplicationPayer[]} payers
 * @property {Bill[]} bills
 * @property {PaymentInstruction[]} payments
 * @property {TimelineEvent[]} timeline
 */

/**
 * A payer anyone may name (GET /payments/payers).
 * @typedef {object} Payer
 * @property {string} id
 * @property {string} name
 * @property {'INSURER' | 'ASSISTANCE_FUND'} kind
 */

/**
 * @typedef {object} Hospital
 * @property {string} id
 * @property {string} name
 * @property {boolean} active
 */

/**
 * An applicant's notification (GET /payments/notifications?after=).
 * @typedef {object} PaymentNotification
 * @property {number} id
 * @property {string} applicationId
 * @property {string} caseId
 * @property {string} at
 * @property {string} what
 * @property {string} textZh
 * @property {string} textEn
 */

// ---- school buses (PlanViews) ----

/**
 * @typedef {object} School
 * @property {string} id
 * @property {string} name
 * @property {number} lat
 * @property {number} lon
 * @property {string | null} latestPlanId
 * @property {number} households
 * @property {number} students
 * @property {number} buses
 */

/**
 * A household on the plan (its label is the coordinator's words: text, never markup).
 * @typedef {object} Household
 * @property {string} id
 * @property {string} label
 * @property {number} lat
 * @property {number} lon
 * @property {number} students
 */

/**
 * A household of a plan and the stop it walks to (BusPlan.HouseholdStop); `stopId` null when
 * no bus serves it. Paths are [lat, lon] pairs.
 * @typedef {object} PlanHousehold
 * @property {string} householdId
 * @property {string} label
 * @property {number} lat
 * @property {number} lon
 * @property {number} students
 * @property {string | null} stopId
 * @property {string | null} stopName
 * @property {number | null} walkMetres
 * @property {[number, number][] | null} walkPath
 * @property {number | null} [eveningLine] the line it rides in the evening
 * @property {number | null} [morningLine] and in the morning
 */

/**
 * A stop a plan uses (BusPlan.Stop).
 * @typedef {object} PlanStop
 * @property {string} id
 * @property {string} name
 * @property {number} lat
 * @property {number} lon
 * @property {string | null} roadName
 */

/**
 * @typedef {object} UnservedHousehold
 * @property {string} householdId
 * @property {string} label
 * @property {number} lat
 * @property {number} lon
 * @property {string} reason
 * @property {string} reasonText "中文 / English"
 */

/**
 * @typedef {object} LineStop
 * @property {number} sequence
 * @property {string} stopId
 * @property {string} stopName
 * @property {string} arrival 'HH:mm'
 * @property {number} students
 */

/**
 * @typedef {object} Instruction
 * @property {string} textZh
 * @property {string} textEn
 * @property {number} distanceMetres
 */

/**
 * One bus line of a run, with its route sheet (线路单).
 * @typedef {object} Line
 * @property {number} number
 * @property {string} name
 * @property {string} busLabel
 * @property {number} capacity the bus's seats
 * @property {number} students
 * @property {string} start
 * @property {string} end
 * @property {LineStop[]} stops
 * @property {{ instructions: Instruction[], geometry: [number, number][] }} path the route,
 *     [lat, lon] pairs
 */

/**
 * @typedef {object} PlanSummary
 * @property {number} households
 * @property {number} householdsServed
 * @property {number} studentsServed
 * @property {number} busesUsed
 * @property {number} longestRideSeconds
 * @property {number} matrixSeconds
 * @property {number} solveSeconds
 */

/**
 * A school's plan (GET /bus/plans/{id}); `version` is set on a plan edited by hand.
 * @typedef {object} Plan
 * @property {string} id
 * @property {string} planId
 * @property {number} [version]
 * @property {string} schoolName
 * @property {number} schoolLat
 * @property {number} schoolLon
 * @property {PlanSummary} summary
 * @property {PlanHousehold[]} households
 * @property {PlanStop[]} stops
 * @property {UnservedHousehold[]} unserved
 * @property {{ lines: Line[] }} evening
 * @property {{ lines: Line[] }} morning
 */

/**
 * A child's line in one run of the plan (PlanViews.runView): the times are 'HH:mm'; `arrival`
 * is when the bus is at the child's stop. `path` is the line's route, [lat, lon] pairs.
 * @typedef {object} ChildRun
 * @property {number} line
 * @property {string} lineName
 * @property {string} busLabel
 * @property {string} start
 * @property {string} end
 * @property {string | null} arrival
 * @property {[number, number][] | null} path
 */

/**
 * What every household of GET /bus/my-children has (PublishedChildViews): from the published
 * plans only, with the runs it has no seat on and today's changes.
 * @typedef {object} ChildBusBase
 * @property {string} householdId
 * @property {string} label
 * @property {number} students
 * @property {string} schoolName
 * @property {{ run: 'evening' | 'morning', reasonText: string | null }[]} [noSeat]
 * @property {import('./bus/review/child-notices.js').ChildChange[]} [changes]
 * @property {PlanStop} [morningStop] when the morning's plan has the child at another stop
 */

/**
 * @typedef {{ name: string, lat: number, lon: number }} ChildSchool
 */

/**
 * A household of the parent and its bus, by `status`: no plan yet; registered after the plan;
 * no seat (and why); or its stop, walk and lines. Paths are [lat, lon] pairs.
 * @typedef {ChildBusBase & { status: 'NO_PLAN' }
 *     | ChildBusBase & { status: 'NOT_IN_PLAN', planId: string, school: ChildSchool }
 *     | ChildBusBase & { status: 'UNSERVED', planId: string, school: ChildSchool,
 *         unserved?: { run: string, reason: string, reasonText: string } }
 *     | ServedChildBus} ChildBus
 */

/**
 * @typedef {ChildBusBase & { status: 'SERVED', planId: string, school: ChildSchool,
 *     stop: PlanStop, walkMetres: number, walkPath: [number, number][] | null,
 *     evening: ChildRun | null, morning: ChildRun | null }} ServedChildBus
 */

/**
 * A planning job (GET /bus/plan-jobs/{id}), polled until done or failed.
 * @typedef {object} PlanJob
 * @property {string} id
 * @property {'queued' | 'running' | 'done' | 'failed' | 'cancelled'} status
 * @property {'queued' | 'loading' | 'matrix' | 'solving' | 'paths' | 'done' | 'failed'
 *     | 'cancelled'} phase
 * @property {number | null} [queuePosition]
 * @property {string | null} [planId]
 * @property {string | null} [error]
 * @property {{ run: string, best?: { studentsServed: number, buses: number,
 *     drivingSeconds: number } } | null} [progress]
 */

// ---- the one traffic map and the dashboard (InsightRoutes, InsightService) ----

/**
 * A time-of-day band (GET /insight/bands): `from`/`to` 'HH:mm' local, null for the whole day.
 * @typedef {object} InsightBand
 * @property {string} code
 * @property {string} zh
 * @property {string} en
 * @property {string | null} from
 * @property {string | null} to
 */

/**
 * @typedef {object} InsightBands
 * @property {string} zone the zone of the local dates and times, Asia/Shanghai
 * @property {InsightBand[]} bands
 */

/**
 * A period of local dates, both ends included.
 * @typedef {object} InsightPeriod
 * @property {'day' | 'week' | 'month' | 'custom'} kind
 * @property {string} from YYYY-MM-DD
 * @property {string} to YYYY-MM-DD
 * @property {number} days
 */

/**
 * What every map answer names: its period, the one before it of the same length, the band.
 * @typedef {object} InsightWindow
 * @property {InsightPeriod} period
 * @property {InsightPeriod} previousPeriod
 * @property {Bilingual & { code: string }} band
 * @property {string} zone
 */

/**
 * A road segment of the routing graph, as GeoJSON ([lon, lat] pairs).
 * @typedef {object} RoadSegment
 * @property {number} edgeId
 * @property {number} wayId the OpenStreetMap way
 * @property {string | null} roadName
 * @property {string | null} roadClass
 * @property {{ type: 'LineString', coordinates: [number, number][] }} geometry
 */

/**
 * A ranked segment of the hotspots.
 * @typedef {RoadSegment & {
 *     rank: number, count: number, previousCount: number, change: number,
 *     changeRatio: number | null,
 * }} HotSegment
 */

/**
 * GET /insight/hotspots: the busiest segments of the window, busiest first.
 * @typedef {InsightWindow & {
 *     total: number, previousTotal: number, offRoad: number, segments: HotSegment[],
 * }} Hotspots
 */

/**
 * @typedef {object} SegmentCase
 * @property {string} caseId
 * @property {string} caseNo
 * @property {string} occurredAt
 * @property {CaseState} state
 */

/**
 * GET /insight/segments/{edgeId}/cases, newest first.
 * @typedef {InsightWindow & { segment: RoadSegment, cases: SegmentCase[] }} SegmentCases
 */

/**
 * A case not closed, where it was reported (GET /insight/open-cases).
 * @typedef {object} OpenCase
 * @property {string} caseId
 * @property {string} caseNo
 * @property {number} lat
 * @property {number} lon
 * @property {CaseState} state
 * @property {string} reportedAt
 */

/**
 * @typedef {object} OpenCases
 * @property {Partial<Record<CaseState, number>>} byState
 * @property {OpenCase[]} cases
 */

/**
 * A case other reporters were offered to join instead of reporting it again.
 * @typedef {object} RepeatedCase
 * @property {string} caseId
 * @property {string} caseNo
 * @property {number} lat
 * @property {number} lon
 * @property {number} offered how many were offered it
 * @property {number} joined how many joined it
 */

/**
 * GET /insight/duplicates.
 * @typedef {InsightWindow & { cases: RepeatedCase[] }} RepeatedCases
 */

/**
 * The properties of a feature of the bus layer (GET /insight/bus, a GeoJSON
 * FeatureCollection): a school (a point), a stop of its latest plan (a point) or a line of it
 * (a LineString).
 * @typedef {{ kind: 'school', schoolId: string, name: string, planId: string | null }
 *     | { kind: 'stop', name: string, school: string }
 *     | { kind: 'line', run: 'morning' | 'evening', school: string, name: string,
 *         busLabel: string, students: number }} BusFeatureProperties
 */

/**
 * @typedef {object} InsightDurations
 * @property {number} count
 * @property {number | null} medianSeconds
 * @property {number | null} p90Seconds
 */

/**
 * Cases waiting this long for the police's review: [fromSeconds, toSeconds), toSeconds null
 * for the last bucket.
 * @typedef {object} AgeBucket
 * @property {number} fromSeconds
 * @property {number | null} toSeconds
 * @property {number} count
 */

/**
 * @typedef {object} PayerAdvances
 * @property {string} payerId
 * @property {string} name
 * @property {'INSURER' | 'ASSISTANCE_FUND'} kind
 * @property {number} advances
 * @property {number} advancedFen
 * @property {number} disbursements
 * @property {number} disbursedFen
 */

/**
 * A school's latest plan in figures (zeros without one).
 * @typedef {object} SchoolBuses
 * @property {string} schoolId
 * @property {string} name
 * @property {boolean} hasPlan
 * @property {string | null} planAt
 * @property {number} students
 * @property {number} studentsServed
 * @property {number} busesAvailable
 * @property {number} busesUsed
 */

/**
 * GET /insight/dashboard: every figure of the period.
 * @typedef {object} Dashboard
 * @property {InsightPeriod} period
 * @property {string} asOf
 * @property {{ date: string, count: number }[]} casesPerDay every day of the period
 * @property {{ reported: number, settledOnline: number, policeHandled: number,
 *     settledOnlineShare: number | null }} cases
 * @property {InsightDurations} reportToAgreement
 * @property {InsightDurations} reviewToDecision
 * @property {{ offered: number, avoided: number }} repeatedReports
 * @property {{ count: number, oldestSeconds: number | null, medianSeconds: number | null,
 *     byAge: AgeBucket[], oldest: { caseId: string, caseNo: string, since: string,
 *     ageSeconds: number }[] }} reviewWaiting as of now
 * @property {{ payers: PayerAdvances[], overdueNotices: number,
 *     overdueReviews: number }} advances
 * @property {{ schools: SchoolBuses[] }} buses
 */

export {};
