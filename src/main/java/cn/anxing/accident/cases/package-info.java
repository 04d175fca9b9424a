/**
 * What every part of the accident feature shares about a case: its
 * {@link cn.anxing.accident.cases.CaseState states} and the
 * {@link cn.anxing.accident.cases.CaseStateMachine allowed moves} with their recorded
 * {@link cn.anxing.accident.cases.CaseTransition transitions}, the
 * {@link cn.anxing.accident.cases.CaseAction actions} a state takes, the vehicles'
 * {@link cn.anxing.accident.cases.PlateNumber plates} and the feature's
 * {@link cn.anxing.accident.cases.AccidentError error codes}.
 *
 * <p>Plain Java: it imports nothing of the accident feature (the other accident packages import
 * it), and no Vert.x, SQL or HTTP type.
 */
package cn.anxing.accident.cases;
