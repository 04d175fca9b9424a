/**
 * The photos of a case: what an upload really is (type, size, EXIF time and position, read from
 * the bytes), which photos a case needs, and the flags for a photo taken far from the report.
 *
 * <p>It may use {@code accident.cases}, {@link cn.anxing.routing.LatLon} and the EXIF reader,
 * never the accident package itself, storage, Vert.x or HTTP; inspection is blocking work for
 * the caller to run on a worker.
 */
package cn.anxing.accident.photo;
