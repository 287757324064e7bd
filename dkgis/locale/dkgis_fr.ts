<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Projected total {year}</source>
        <extracomment>Colours of the cluster targets, in the order of :func:`cluster_targets`. Below this width the legend leaves the chart (the panel shows it as wrapped text).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified total {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other change (baseline, sites not projected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sites enter the EU ETS</source>
        <extracomment>Emitted with True when the legend moves into the chart, False when it leaves it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>steel-gas CO₂ moves from steel to power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified total (EU ETS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>projected ({scenario})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{year} verified: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{year} projected ({scenario}): {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The waterfall needs projections: the project has no scenario.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{role}: {credit}, data of {vintage}</source>
        <extracomment>Pixels of the PNG per logical pixel of the page (2: sharp on slides, 192 dpi).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>projections: dkgis, scenario “{scenario}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: {parts}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EU ETS verified emissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EU ETS verified emissions {first}–{last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IREP register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measures and targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reported values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CO₂ emissions, EU ETS verified</source>
        <extracomment>Font sizes of the panel&apos;s title and caption, pixels at 96 dpi. Smallest chart drawn, in pixels at 96 dpi (a smaller panel stays empty).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CO₂ emissions, EU ETS verified then projected (scenario “{name}”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dunkerque cluster: CO₂ emissions by sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measures</source>
        <extracomment>Below this width the legend leaves the chart (the panel shows it as wrapped text). Emitted with True when the legend moves into the chart, False when it leaves it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No verified EU ETS emissions for this facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{year} reported: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pct} by {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>net zero {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no verified data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{year}: accounting change
(cancels out in the sum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{year}: change in where
CO₂ is counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{year}: enters the
EU ETS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dated measure for this site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EU ETS verified, sum of {n} sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EU ETS verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IREP {years} (counts steel gases at source; not comparable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IREP {years} (other scope; not comparable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{years} reported (not verified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site targets ({actor})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Territorial pathway from {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Territorial pathway from {year} (stated baseline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Territorial pathway from {year} verified (no baseline stated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gap above the pathway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IREP: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reported: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>projected ({scenario}): {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pathway: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steel complex: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scenario: nothing is projected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No projection: the facility has no verified emissions in the last years of the record, or is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashed lines are projections, not data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{year}: the change in where CO₂ is counted cancels out in this sum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IREP values count CO₂ differently from the EU ETS: shown as points, never joined to the verified line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{year} reported value ({source}), not verified: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported (IREP, 2024) values are left out of the sum: their scopes differ and adding them would double count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measures without a date: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not quantified (no abatement figure stated): {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vs {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>baseline not stated; drawn vs {year} verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site target: {actor} {pct} by {year} ({base}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baseline: mean {years}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{measure}: its abatement is shared between {sites} in proportion to their baselines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>net zero by {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>baseline {year} as stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the source states no baseline year; drawn from the {year} verified value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Territorial pathway ({actor}): {parts} ({base}), applied to this chart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emissions in {unit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>projection: {scenario}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not quantified</source>
        <translation type="unfinished">non quantifié</translation>
    </message>
    <message>
        <source>estimated by dkgis</source>
        <translation type="unfinished">estimé par dkgis</translation>
    </message>
    <message>
        <source>off in this scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{actor}: net zero by {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{actor}: {pct} by {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pct} vs {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pct} (vs {year}*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{target} · {site}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Facilities by sector</source>
        <translation type="unfinished">Sites par secteur</translation>
    </message>
    <message>
        <source>{n} sector(s) hidden</source>
        <extracomment>Grey used for the symbols of the status and location rows.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Announced or under construction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approximate location (commune, postcode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sites sharing one point, spread around it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status and location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gas pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hydrogen pipeline (proposed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lambert-93 (RGF93, metres)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WGS 84 longitude/latitude (degrees, GPS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lambert II étendu (NTF, metres)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTM zone 31N (WGS 84, metres)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web Mercator (metres, web maps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinate System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; does not say in which coordinate system its coordinates are. Which one is it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other EPSG code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 3949 (CC49)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{code}” is not a coordinate system code known to dkgis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>polygons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mixed geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; holds several layers. Which ones do you want to add?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>({n} features)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinate Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several columns of &lt;b&gt;{file}&lt;/b&gt; could hold coordinates. Which ones should place the points?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X or longitude:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Y or latitude:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose two different columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style of “{title}”</source>
        <extracomment>Extra quick colours after the default palette (still clear of the sector palette).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polygon fill:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer opacity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour of the layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All supported files ({patterns})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {file} could not be added as a layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer Added with Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer “{title}” was added from {file}, with warnings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dkgis Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is a dkgis dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open it as a dataset in a new window, or add some of its layers to this map?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open as Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Layers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no coordinate system.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading of {file} cancelled; nothing was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer “{title}” added: {n} features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} without coordinates or geometry are not drawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some of the file could not be read: see the warning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer “{title}” removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Layer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnimationDialog</name>
    <message>
        <source>Export Animation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each year shown for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first year is after the last year.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Unexpected error</source>
        <extracomment>When this environment variable is set, the app prints ``FIRST_FRAME_LINE`` and quits as soon as the map has painted its first frame (start-up checks of a built app).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dkgis met an unexpected error and may not work as it should:
{error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookmarksMenu</name>
    <message>
        <source>&amp;Bookmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Bookmark…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember the current view under a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the current view:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartToolbar</name>
    <message>
        <source>Unit of the values: t, kt or Mt of CO₂e per year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation type="unfinished">Scénario</translation>
    </message>
    <message>
        <source>No projections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has no scenario to project under.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario of the projections</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>{unit} CO₂e per year</source>
        <extracomment>Lines of the compare view (Tol &quot;bright&quot;, then &quot;muted&quot;). Time axis of every chart: 2005 (first EU ETS year) to 2050. Font sizes in pixels (the same on screen and in exports, scaled with the screen).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClusterPanel</name>
    <message>
        <source>First year of the waterfall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waterfall from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emissions by Sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waterfall to 2030</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export {chart} as {fmt}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>baseline {year} (stated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no baseline stated, dkgis uses {year} verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}; {baseline}: {ref} → allows {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gap: not available without projections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>misses it by {gap}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meets it with {gap} to spare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{scenario}”: {total} projected in {year}, {verdict}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gap to each cluster target (+ = above the target)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished">Échec de l’export</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation type="unfinished">Impossible d’écrire {path}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Targets: {sites}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dunkerque cluster: CO₂ emissions by sector, {first}–{last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{unit}; EU ETS verified, then projected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stacked areas: EU ETS verified emissions by sector (solid), then projected (light) under “{scenario}”; {n} to {m} installations report each year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dunkerque cluster: from {year} to 2030 by measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{unit}; scenario “{scenario}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <source>Click a facility on the map to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n facilities selected.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status} (as of {date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same point as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest verified emissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} in {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No verified value (not in the EU ETS data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FacilitySearchBox</name>
    <message>
        <source>Find a facility, operator or commune…</source>
        <extracomment>Item data: the facility id of a completion. Item data: the text put in the box when a completion is chosen (the name). Completions shown at most.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type part of a name, an operator or a commune (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FacilityTablePanel</name>
    <message>
        <source>Filter rows (any column)…</source>
        <extracomment>Item data: the facility id of a row. Item data: the value exported to CSV (numbers unformatted). Text colour of &quot;no data&quot; cells. Texts measured per column to fit it (the longest by character count). Room for the sort arrow in a header and for the margins of a cell, in pixels. Widest a column gets when fitted to its contents, in pixels. Keys of the columns of the frame&apos;s values (the others are the facilities&apos; own). The table&apos;s columns; emissions come early so that they show without scrolling. Facility ids in dataset order (the order of the frame&apos;s values).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Visible Rows to CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the rows shown (filtered and sorted) as a CSV file for spreadsheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {total} facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export Visible Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV for spreadsheets (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished">Échec de l’export</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation type="unfinished">Impossible d’écrire {path}&#xa0;: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n rows exported to {path}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FacilityTooltip</name>
    <message>
        <source>and %n more here</source>
        <extracomment>Facilities listed in one tooltip; sites sharing a point beyond that are counted. Location precisions that place a symbol only roughly; the tooltip says so.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>dkgis Guide</source>
        <extracomment>Folder of the guides, one sub-folder per language. Dynamic property of an action whose menu text changes (Undo, Redo): its plain name. Separator of a menu path (« Fichier › Exporter la carte… »).</extracomment>
        <translation>Guide de dkgis</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Sommaire</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import Emissions Data</source>
        <translation type="unfinished">Importer des données d’émissions</translation>
    </message>
    <message>
        <source>Reading {n} file(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished">Année</translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the values that differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of the import of {files}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values added ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values changed ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installations of the cluster not in the data ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario baselines: mean {before} → mean {after}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing new: the data already holds these values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing your copy of the data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your data, updated on {date}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiPanel</name>
    <message>
        <source>{value} Mt CO₂e</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no verified data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified, {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EU ETS, {n} installations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not available (no scenario)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not projected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projected, {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scenario “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Covered by quantified measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of the baseline emissions: {n} of {m} sites with a baseline have a measure with a figure and a start year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CO₂e of the cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{words}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Announced projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direct jobs stated for {n} projects; {m} of {total} projects state no figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Existing sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direct jobs, workforce stated for {n} sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not added up (not direct jobs alone, or not said):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} of {total} sites have no stated figure: unknown, not zero. Sources: the press and company pages cited by the dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs stated by the sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Investment announced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stated for {n} of {total} projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single figures as each source states them; some cover sites outside the cluster too (see each project&apos;s note). Ranges and grants are not added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Investment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annual emissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Economic output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of national emissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned CO₂ reduction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{figure} (year not stated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparable: the same measure for every cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not comparable as such: the sources count different things.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each figure is shown with what its source counts (scope, year, direct or all jobs, currency); figures that count different things are set side by side, not compared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{cluster} in this dataset: {value} verified in {year} (EU ETS, {n} installations).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} member clusters are named by the sources.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <source>Show all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Sectors&lt;/b&gt; (untick to hide)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Symbols&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sector} ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} facilities; untick to hide them on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CO₂ emissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the area of the emission circles shows: the year&apos;s CO₂, or the direct jobs stated by the sources (sites without a stated figure show no data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Circle size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating (filled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Announced, under construction or suspended (ring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed or cancelled (faded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approximate location: commune, postcode or nearby site (dashed halo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True point of several sites spread around it (display only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CO₂ emissions of the year: circle area ∝ tonnes (EU ETS verified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified emissions of zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No emission data for the year</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoadProgress</name>
    <message>
        <source>Cancel</source>
        <extracomment>Steps of the progress bar.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Trajectory</source>
        <translation>Trajectoire</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Cannot open dataset</source>
        <translation>Impossible d’ouvrir le jeu de données</translation>
    </message>
    <message>
        <source>The file {file} could not be opened.</source>
        <translation>Le fichier {file} n’a pas pu être ouvert.</translation>
    </message>
    <message>
        <source>{n} facilities loaded from {file}</source>
        <extracomment>Bump when the dock layout changes incompatibly, so an old saved state is ignored. What the window shows (year, scenario, layers, sectors, selection, view): the map, its legend, the table, the tooltip, the details and the slider&apos;s caption. Set once the user has answered the &quot;save changes?&quot; question (or had none to answer).</extracomment>
        <translation>{n} sites chargés depuis {file}</translation>
    </message>
    <message>
        <source>&amp;Open Dataset…</source>
        <translation>&amp;Ouvrir un jeu de données…</translation>
    </message>
    <message>
        <source>&amp;Add Layer…</source>
        <translation>&amp;Ajouter une couche…</translation>
    </message>
    <message>
        <source>Add a GeoJSON, GeoPackage, Shapefile or CSV file to the map</source>
        <translation>Ajouter à la carte un fichier GeoJSON, GeoPackage, Shapefile ou CSV</translation>
    </message>
    <message>
        <source>&amp;Import Emissions Data…</source>
        <translation>&amp;Importer des données d’émissions…</translation>
    </message>
    <message>
        <source>Add a new release (EUTL dataset of euets.info, Union Registry workbook, IREP archive) to your own copy of the data</source>
        <translation>Ajouter une nouvelle publication (jeu EUTL d’euets.info, classeur du registre de l’Union, archive IREP) à votre copie des données</translation>
    </message>
    <message>
        <source>Back to the &amp;Embedded Data</source>
        <translation>Revenir aux données &amp;fournies</translation>
    </message>
    <message>
        <source>Set your imported data aside and show the data shipped with dkgis</source>
        <translation>Mettre de côté vos données importées et afficher les données fournies avec dkgis</translation>
    </message>
    <message>
        <source>&amp;Export Map…</source>
        <translation>E&amp;xporter la carte…</translation>
    </message>
    <message>
        <source>Export the map as PNG, SVG or PDF, or copy it to paste into a slide</source>
        <translation>Exporter la carte en PNG, SVG ou PDF, ou la copier pour la coller dans une diapositive</translation>
    </message>
    <message>
        <source>Export Interactive Map (&amp;HTML)…</source>
        <translation>Exporter la carte interactive (&amp;HTML)…</translation>
    </message>
    <message>
        <source>Export Presentation (&amp;PowerPoint)…</source>
        <translation>Exporter une présentation (&amp;PowerPoint)…</translation>
    </message>
    <message>
        <source>Export A&amp;nimation…</source>
        <translation>Exporter une a&amp;nimation…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom arr&amp;ière</translation>
    </message>
    <message>
        <source>Zoom to &amp;Cluster</source>
        <translation>Zoom sur la &amp;zone</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>&amp;About dkgis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>&amp;Guide</translation>
    </message>
    <message>
        <source>How to use dkgis, step by step</source>
        <translation>Utiliser dkgis, pas à pas</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>Zoom to &amp;Selection</source>
        <translation>Zoom sur la sé&amp;lection</translation>
    </message>
    <message>
        <source>Zoom to the selected facilities (Ctrl+J)</source>
        <translation>Zoomer sur les sites sélectionnés (Ctrl+J)</translation>
    </message>
    <message>
        <source>&amp;Pan</source>
        <translation>&amp;Déplacer</translation>
    </message>
    <message>
        <source>Drag to move the map; Ctrl+drag still selects in a rectangle</source>
        <translation>Faire glisser pour déplacer la carte&#x202f;; Ctrl+glisser sélectionne toujours dans un rectangle</translation>
    </message>
    <message>
        <source>&amp;Select</source>
        <translation>&amp;Sélectionner</translation>
    </message>
    <message>
        <source>Drag a rectangle to select facilities; Shift adds to the selection</source>
        <translation>Tracer un rectangle pour sélectionner des sites&#x202f;; Maj ajoute à la sélection</translation>
    </message>
    <message>
        <source>&amp;Find Facility…</source>
        <translation>&amp;Rechercher un site…</translation>
    </message>
    <message>
        <source>Facility &amp;Names</source>
        <translation>&amp;Noms des sites</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Facility Table</source>
        <translation>Tableau des sites</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Légende</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>Key Figures</source>
        <translation>Chiffres clés</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Scénarios</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Map Tools</source>
        <translation>Outils de la carte</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>dkgis — {name}</source>
        <translation>dkgis — {name}</translation>
    </message>
    <message>
        <source>The layer “{layer}” is hidden: tick it in the Layers panel to see the emissions of {year} on the map.</source>
        <translation>La couche «&#xa0;{layer}&#xa0;» est masquée&#xa0;: cochez-la dans le panneau Couches pour voir les émissions de {year} sur la carte.</translation>
    </message>
    <message>
        <source>Open Dataset</source>
        <translation>Ouvrir un jeu de données</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;All files (*)</source>
        <translation>GeoPackage (*.gpkg);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import Emissions Data</source>
        <translation>Importer des données d’émissions</translation>
    </message>
    <message>
        <source>Emission releases (*.zip *.xlsx *.csv);;All files (*)</source>
        <translation>Publications d’émissions (*.zip *.xlsx *.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Imported: {added} values added, {changed} changed, {new} installations added. dkgis now opens your copy of the data.</source>
        <translation>Import terminé&#xa0;: {added} valeurs ajoutées, {changed} modifiées, {new} installations ajoutées. dkgis ouvre désormais votre copie des données.</translation>
    </message>
    <message>
        <source>Cannot set your data aside</source>
        <translation>Impossible de mettre vos données de côté</translation>
    </message>
    <message>
        <source>{reason}</source>
        <translation>{reason}</translation>
    </message>
    <message>
        <source>Your imported data was kept as {path}.</source>
        <translation>Vos données importées ont été conservées sous le nom {path}.</translation>
    </message>
    <message>
        <source>Map exported to {path} ({size} MB)</source>
        <translation>Carte exportée dans {path} ({size} Mo)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’export</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>Impossible d’écrire {path}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Map exported to {path}</source>
        <translation>Carte exportée dans {path}</translation>
    </message>
    <message>
        <source>Export Interactive Map</source>
        <translation>Exporter la carte interactive</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Page web (*.html)</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>Export annulé</translation>
    </message>
    <message>
        <source>Interactive map exported to {path} ({size} MB)</source>
        <translation>Carte interactive exportée dans {path} ({size} Mo)</translation>
    </message>
    <message>
        <source>The interactive map could not be exported.</source>
        <translation>La carte interactive n’a pas pu être exportée.</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>The guide is not installed with this dkgis.</source>
        <translation>Le guide n’est pas installé avec cette version de dkgis.</translation>
    </message>
    <message>
        <source>About dkgis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;dkgis {version}&lt;/b&gt;&lt;br&gt;Decarbonization explorer for the Dunkerque industrial-port cluster.&lt;p&gt;Data sources:&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapDecorations</name>
    <message>
        <source>Added layers</source>
        <extracomment>The pictures shown in an interactive view (``None``: draw directly, as exports do).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <extracomment>Each language named in itself, as language choosers do.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language ({name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language applies the next time dkgis starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresentationDialog</name>
    <message>
        <source>Export Presentation (PowerPoint)</source>
        <extracomment>Frame sizes offered for animations: label, (width, height).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year of the map:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario of the years after the last verified one, on the map and the charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One slide per selected site with its trajectory chart ({n} selected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select facilities on the map first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with a title slide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectFiles</name>
    <message>
        <source>&amp;Save Project</source>
        <extracomment>Why the user is asked to save: the window closes, or a project replaces the edits. The last &quot;save changes?&quot; question asked (kept so that tests can answer it).</extracomment>
        <translation>&amp;Enregistrer le projet</translation>
    </message>
    <message>
        <source>Save the scenarios, layers, map view, selection and year in a project file</source>
        <translation>Enregistrer les scénarios, les couches, la vue de la carte, la sélection et l’année dans un fichier de projet</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>Enregistrer le projet &amp;sous…</translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation>Ouvrir un pro&amp;jet…</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>Enregistrer le projet</translation>
    </message>
    <message>
        <source>dkgis project (*.json);;All files (*)</source>
        <translation>Projet dkgis (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>Impossible d’enregistrer le projet</translation>
    </message>
    <message>
        <source>Project saved to {path}</source>
        <translation>Projet enregistré dans {path}</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>Save your changes to the project {file}?</source>
        <translation>Enregistrer vos modifications dans le projet {file}&#x202f;?</translation>
    </message>
    <message>
        <source>Save your changes to the scenarios and the map in a project file?</source>
        <translation>Enregistrer vos modifications des scénarios et de la carte dans un fichier de projet&#x202f;?</translation>
    </message>
    <message>
        <source>If you don&apos;t save them, the project you open replaces your changes.</source>
        <translation>Si vous ne les enregistrez pas, le projet que vous ouvrez remplacera vos modifications.</translation>
    </message>
    <message>
        <source>If you don&apos;t save them, dkgis reopens {file} as it was last saved at the next start.</source>
        <translation>Si vous ne les enregistrez pas, dkgis rouvrira {file} au prochain démarrage, tel qu’il a été enregistré la dernière fois.</translation>
    </message>
    <message>
        <source>If you don&apos;t save them in a project file, dkgis still brings them back at the next start.</source>
        <translation>Même si vous ne les enregistrez pas dans un fichier de projet, dkgis les reprendra au prochain démarrage.</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Impossible d’ouvrir le projet</translation>
    </message>
    <message>
        <source>Project {path} opened</source>
        <translation>Projet {path} ouvert</translation>
    </message>
    <message>
        <source>Project opened with warnings</source>
        <translation>Projet ouvert avec des avertissements</translation>
    </message>
    <message>
        <source>{file} names things this dataset does not have:</source>
        <translation>{file} mentionne des éléments absents de ce jeu de données&#xa0;:</translation>
    </message>
    <message>
        <source>Problem with the file {file}</source>
        <translation>Problème avec le fichier {file}</translation>
    </message>
</context>
<context>
    <name>ScenarioEditor</name>
    <message>
        <source>The scenario of the charts and of the map&apos;s future years</source>
        <extracomment>Number of messages shown (edits applied or refused, scenario commands).</extracomment>
        <translation>Le scénario des graphiques et des années futures de la carte</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Make an editable copy of this scenario</source>
        <translation>Créer une copie modifiable de ce scénario</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Years averaged into each site&apos;s baseline, e.g. 2019, 2021-2022 to leave 2020 (COVID) out. Empty: the last three verified years.</source>
        <translation>Années dont la moyenne donne la référence de chaque site, par exemple 2019, 2021-2022 pour écarter 2020 (COVID). Vide&#xa0;: les trois dernières années vérifiées.</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <source>Baseline years</source>
        <translation>Années de référence</translation>
    </message>
    <message>
        <source>Preset: an edit makes an edited copy.</source>
        <translation>Scénario prédéfini&#xa0;: une modification crée une copie modifiée.</translation>
    </message>
    <message>
        <source>Your scenario: edits apply to it.</source>
        <translation>Votre scénario&#xa0;: les modifications s’y appliquent.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No measures, on purpose.&lt;/b&gt; This scenario is the reference without any decarbonization project: each site keeps its baseline emissions (the mean of its baseline years) every year after the last verified one. Compare it with “{announced}” to see what the announced projects change. To build your own scenario, choose a scenario with measures and click &lt;i&gt;Duplicate&lt;/i&gt;.</source>
        <translation>&lt;b&gt;Aucune mesure, volontairement.&lt;/b&gt; Ce scénario est la référence sans aucun projet de décarbonation&#xa0;: chaque site garde ses émissions de référence (la moyenne de ses années de référence) chaque année après la dernière année vérifiée. Comparez-le avec «&#xa0;{announced}&#xa0;» pour voir ce que changent les projets annoncés. Pour construire votre propre scénario, choisissez un scénario comportant des mesures et cliquez sur &lt;i&gt;Dupliquer&lt;/i&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;This scenario has no measures:&lt;/b&gt; each site keeps its baseline emissions every year after the last verified one. To edit measures, duplicate a scenario that has some.</source>
        <translation>&lt;b&gt;Ce scénario ne comporte aucune mesure&#xa0;:&lt;/b&gt; chaque site garde ses émissions de référence chaque année après la dernière année vérifiée. Pour modifier des mesures, dupliquez un scénario qui en comporte.</translation>
    </message>
    <message>
        <source>{years} (default)</source>
        <translation>{years} (par défaut)</translation>
    </message>
    <message>
        <source>{name} — edited</source>
        <translation>{name} — modifié</translation>
    </message>
    <message>
        <source>Presets stay as published: your change to “{measure}” was made in a new scenario, “{scenario}”.</source>
        <translation>Les scénarios prédéfinis restent tels que publiés&#xa0;: votre modification de «&#xa0;{measure}&#xa0;» a été faite dans un nouveau scénario, «&#xa0;{scenario}&#xa0;».</translation>
    </message>
    <message>
        <source>“{measure}” changed in “{scenario}”.</source>
        <translation>«&#xa0;{measure}&#xa0;» modifiée dans «&#xa0;{scenario}&#xa0;».</translation>
    </message>
    <message>
        <source>“{text}” is not a list of years (e.g. 2019, 2021-2022): the baseline was not changed.</source>
        <translation>«&#xa0;{text}&#xa0;» n’est pas une liste d’années (par exemple 2019, 2021-2022)&#xa0;: la référence n’a pas été modifiée.</translation>
    </message>
    <message>
        <source>the last three verified years</source>
        <translation>les trois dernières années vérifiées</translation>
    </message>
    <message>
        <source>Presets stay as published: the baseline ({years}) is used in a new scenario, “{scenario}”.</source>
        <translation>Les scénarios prédéfinis restent tels que publiés&#xa0;: la référence ({years}) est appliquée dans un nouveau scénario, «&#xa0;{scenario}&#xa0;».</translation>
    </message>
    <message>
        <source>Baseline of “{scenario}”: mean of {years}.</source>
        <translation>Référence de «&#xa0;{scenario}&#xa0;»&#xa0;: moyenne de {years}.</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name} (copie)</translation>
    </message>
    <message>
        <source>Scenario “{name}” created.</source>
        <translation>Scénario «&#xa0;{name}&#xa0;» créé.</translation>
    </message>
    <message>
        <source>Rename Scenario</source>
        <translation>Renommer le scénario</translation>
    </message>
    <message>
        <source>New name of “{name}”:</source>
        <translation>Nouveau nom de «&#xa0;{name}&#xa0;»&#xa0;:</translation>
    </message>
    <message>
        <source>A scenario needs a name: nothing was renamed.</source>
        <translation>Un scénario doit avoir un nom&#xa0;: rien n’a été renommé.</translation>
    </message>
    <message>
        <source>“{name}” is already a scenario&apos;s name: nothing was renamed.</source>
        <translation>«&#xa0;{name}&#xa0;» est déjà le nom d’un scénario&#xa0;: rien n’a été renommé.</translation>
    </message>
    <message>
        <source>Scenario renamed “{name}”.</source>
        <translation>Scénario renommé «&#xa0;{name}&#xa0;».</translation>
    </message>
    <message>
        <source>Scenario “{name}” deleted.</source>
        <translation>Scénario «&#xa0;{name}&#xa0;» supprimé.</translation>
    </message>
    <message>
        <source>On</source>
        <extracomment>Column keys, in order.</extracomment>
        <translation>Active</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Mesure</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Start year</source>
        <translation>Année de démarrage</translation>
    </message>
    <message>
        <source>Ramp (years)</source>
        <translation>Montée en charge (années)</translation>
    </message>
    <message>
        <source>Abatement (t CO₂/yr)</source>
        <translation>Abattement (t CO₂/an)</translation>
    </message>
    <message>
        <source>Abatement (% of site)</source>
        <translation>Abattement (% du site)</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Origine du chiffre</translation>
    </message>
    <message>
        <source>whole process</source>
        <translation>procédé entier</translation>
    </message>
    <message>
        <source>stated by a source</source>
        <translation>indiqué par une source</translation>
    </message>
    <message>
        <source>estimated by dkgis</source>
        <translation>estimé par dkgis</translation>
    </message>
    <message>
        <source>typed by you</source>
        <translation>saisi par vous</translation>
    </message>
    <message>
        <source>not quantified</source>
        <translation>non quantifié</translation>
    </message>
    <message>
        <source>start year</source>
        <translation>année de démarrage</translation>
    </message>
    <message>
        <source>ramp</source>
        <translation>montée en charge</translation>
    </message>
    <message>
        <source>abatement (t CO₂/yr)</source>
        <translation>abattement (t CO₂/an)</translation>
    </message>
    <message>
        <source>abatement (%)</source>
        <translation>abattement (%)</translation>
    </message>
    <message>
        <source>a start year must be from {first} to {last}</source>
        <translation>une année de démarrage doit être comprise entre {first} et {last}</translation>
    </message>
    <message>
        <source>a percentage must be from 0 to 100</source>
        <translation>un pourcentage doit être compris entre 0 et 100</translation>
    </message>
    <message>
        <source>the ramp is a number of years, 0 or more</source>
        <translation>la montée en charge est un nombre d’années, 0 ou plus</translation>
    </message>
    <message>
        <source>an abatement cannot be negative</source>
        <translation>un abattement ne peut pas être négatif</translation>
    </message>
    <message>
        <source>{measure}: {field} {value} refused — {rule}. Nothing was changed.</source>
        <translation>{measure}&#xa0;: {field} {value} — valeur refusée, {rule}. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>un nombre entier</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un nombre</translation>
    </message>
    <message>
        <source>{measure}: {field} “{text}” refused — type {kind}. Nothing was changed.</source>
        <translation>{measure}&#xa0;: {field} «&#xa0;{text}&#xa0;» — saisie refusée, tapez {kind}. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>territory (no site)</source>
        <translation>territoire (sans site)</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Your last session could not be restored (its file is damaged): dkgis starts with the default view.</source>
        <extracomment>File of the last session, in the settings folder. Key of the project file that was open (beside the project-file keys). How long the session&apos;s note stays in the status bar, in milliseconds.</extracomment>
        <translation>Votre dernière séance n’a pas pu être reprise (son fichier est endommagé)&#xa0;: dkgis démarre avec la vue par défaut.</translation>
    </message>
    <message>
        <source>The dataset of your last session could not be opened: dkgis shows the embedded data.</source>
        <translation>Le jeu de données de votre dernière séance n’a pas pu être ouvert&#xa0;: dkgis affiche les données fournies.</translation>
    </message>
    <message>
        <source>The project {file} of your last session could not be reopened: your last session is restored without it.</source>
        <translation>Le projet {file} de votre dernière séance n’a pas pu être rouvert&#xa0;: la dernière séance est reprise sans lui.</translation>
    </message>
    <message>
        <source>Your last session could not be restored (it does not fit this dataset): dkgis starts with the default view.</source>
        <translation>Votre dernière séance n’a pas pu être reprise (elle ne correspond pas à ce jeu de données)&#xa0;: dkgis démarre avec la vue par défaut.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>On the map, the + and − keys also zoom in and out.</source>
        <translation>Sur la carte, les touches + et − zooment aussi en avant et en arrière.</translation>
    </message>
</context>
<context>
    <name>SnapshotDialog</name>
    <message>
        <source>Export Map</source>
        <extracomment>Size of the preview, in screen pixels. The preview waits this long after the last change before it renders (ms).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map</source>
        <extracomment>Number of previews rendered (tests, benchmarks).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CO₂ emission circles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario of the emissions of years after the last verified year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map + trajectory chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep proportions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decorations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtitle (year, scenario)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sector legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>North arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits (basemap, data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data sources with their dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy to Clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the map as an image (and SVG and PDF) to paste it into a slide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slide 16:9 — {w} × {h} px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slide 16:9, high resolution — {w} × {h} px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slide 4:3 — {w} × {h} px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4 landscape, {dpi} dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4 portrait, {dpi} dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A3 landscape, {dpi} dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A3 portrait, {dpi} dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{w} × {h} pixels · {wmm:.0f} × {hmm:.0f} mm at {dpi} dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG vector image (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation type="unfinished">Impossible d’écrire {path}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished">Échec de l’export</translation>
    </message>
    <message>
        <source>The map could not be exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied to the clipboard: paste it into a slide or a document.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TileLoader</name>
    <message>
        <source>the server did not send an image</source>
        <extracomment>Side lengths of the square tiles accepted, in pixels. Image formats of web tiles; anything else (SVG, TIFF...) is not decoded.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an image of {width} × {height} pixels, not a map tile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused</source>
        <extracomment>Identifies dkgis to tile servers (OpenStreetMap&apos;s usage policy asks for it). At most this many tile requests in flight at once. A request that receives nothing for this long is dropped. A request not finished after this long is dropped, even if bytes keep coming... ...checked this often. Most bytes of an answer Qt holds before they are taken out and counted. Tiles kept decoded in memory... ...and their bytes (a 256-pixel tile takes 256 kB, a 512-pixel one 1 MB). This many failures in a row make the service &quot;unavailable&quot;. A tile that failed is not requested again before this many seconds. First pause before probing an unavailable service again; doubles up to the max.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection closed by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secure connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy refused the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy asks for a password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent more than {size} MB for one tile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent {type} instead of an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tile did not arrive within {seconds} s</source>
        <extracomment>generation, z, x, y, image (null if none), origin (&quot;disk&quot;, &quot;miss&quot;, &quot;net&quot;, &quot;bad&quot;), and why the tile is bad (empty otherwise) Reasons for refused tiles already logged for this provider. Counters for tests and benchmarks.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server answered HTTP {code}{phrase}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrajectoryPanel</name>
    <message>
        <source>Steel complex</source>
        <extracomment>Compare modes (the same values as :mod:`dkgis.charts.compare_chart`, which is imported only when a compare view is first shown).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steel complex: chart ArcelorMittal Dunkerque, ArcelorMittal Mardyck and the DK6 power plant together: the 2013 move of the steel-gas CO₂ from the steel plant to DK6 cancels out in their sum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overlaid lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small multiples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Chart as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Chart as SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a facility on the map to chart its emissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} facilities compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solid: EU ETS verified. Dashed: projected ({scenario}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{year}: change in where CO₂ is counted for {names}; “Steel complex” charts the sites concerned together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No verified emissions: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished">Échec de l’export</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation type="unfinished">Impossible d’écrire {path}&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>UndoHistory</name>
    <message>
        <source>Show Layer “{name}”</source>
        <extracomment>Command id of the changes that may merge (opacity steps of one layer). Longest pause between two opacity steps merged into one command, in seconds.</extracomment>
        <translation>Afficher la couche «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Hide Layer “{name}”</source>
        <translation>Masquer la couche «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Opacity of “{name}”</source>
        <translation>Opacité de «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Move Layer “{name}”</source>
        <translation>Déplacer la couche «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Add Layer “{name}”</source>
        <translation>Ajouter la couche «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Remove Layer “{name}”</source>
        <translation>Retirer la couche «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Layer Changes</source>
        <translation>Modifier les couches</translation>
    </message>
    <message>
        <source>Show Sector “{name}”</source>
        <translation>Afficher le secteur «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Hide Sector “{name}”</source>
        <translation>Masquer le secteur «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Show All Sectors</source>
        <translation>Afficher tous les secteurs</translation>
    </message>
    <message>
        <source>Hide Sectors</source>
        <translation>Masquer des secteurs</translation>
    </message>
    <message>
        <source>Sector Filter</source>
        <translation>Filtre des secteurs</translation>
    </message>
    <message>
        <source>Choose Scenario “{name}”</source>
        <translation>Choisir le scénario «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>New Scenario “{name}”</source>
        <translation>Créer le scénario «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Delete Scenario “{name}”</source>
        <translation>Supprimer le scénario «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Rename Scenario “{name}”</source>
        <translation>Renommer le scénario «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Edit Scenario “{name}”</source>
        <translation>Modifier le scénario «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Scenario Changes</source>
        <translation>Modifier les scénarios</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
</context>
<context>
    <name>YearSlider</name>
    <message>
        <source>Year of the CO₂ emissions shown on the map</source>
        <extracomment>Time between two years while playing, in milliseconds.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the years one after another</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>Facilities by sector</source>
        <extracomment>Leaflet panes of the page, bottom to top, with their z-index (tiles are at 200, Leaflet&apos;s own overlays at 400, tooltips at 650, popups at 700). With online tiles, the offline land, communes and coastline go *under* the tiles: where a tile loads it covers them, where it cannot (no internet) the offline basemap still shows. Class of every facility marker&apos;s SVG path (one per facility with a location). Class of every emission circle&apos;s SVG path. Online basemap offered by ``tiles=True`` (off by default: the page must work offline). JavaScript test for a screen too small to show the layer list and the legend unfolded (the same threshold as the stylesheet&apos;s media query).</extracomment>
        <translation type="unfinished">Sites par secteur</translation>
    </message>
    <message>
        <source>OpenStreetMap tiles (online)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} Mt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} kt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Facilities without a location, not on the map: {n}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned (announced, under construction)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed or cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Circle area proportional to t CO₂e per year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projected values are computed by dkgis from the verified record and the scenario&apos;s measures; they are not measurements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(as of {date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest verified emissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tonnes} in {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emissions of {name}, t CO₂e per year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified EU ETS emissions, t CO₂e per year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashed: projected (scenario: {name}), not a measurement.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
