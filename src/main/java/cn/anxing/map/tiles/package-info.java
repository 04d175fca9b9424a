/**
 * The base map's vector tiles and glyphs (底图瓦片与字形), made here because the intranet has
 * no tile or font server: {@link cn.anxing.map.tiles.OsmExtractReader} reads the OSM extract
 * (through GraphHopper's reader), {@link cn.anxing.map.tiles.OsmStyleRules} chooses what is drawn
 * in which layer and from which zoom, {@link cn.anxing.map.tiles.TileGenerator} and
 * {@link cn.anxing.map.tiles.VectorTileEncoder} cut and encode the Mapbox Vector Tiles,
 * {@link cn.anxing.map.tiles.TileSet} keeps them in one cache file and in memory, and
 * {@link cn.anxing.map.tiles.GlyphRanges} renders the CJK label font. {@link
 * cn.anxing.map.tiles.NamedPlaces} answers the names near a point (cross streets, landmarks) from
 * the same reading, for the school bus's stop names and the accident page's "where is this"
 * (BaseMap reads them once for both). {@link
 * cn.anxing.map.tiles.BaseMap} is the one class that meets Vert.x: it builds the tiles on a
 * worker at start and serves tiles, glyphs and the style.
 *
 * <h2>What it may not touch</h2>
 * No other package of {@code cn.anxing}: no feature, no database, no HTTP types ({@code
 * cn.anxing.map} declares the routes). It reads the extract and the installed font and writes
 * only its own tile cache.
 */
package cn.anxing.map.tiles;
