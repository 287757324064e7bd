<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About dkgis</source>
        <extracomment>The dialog never grows taller than this (pixels), so that it fits a 768-pixel screen.</extracomment>
        <translation>À propos de dkgis</translation>
    </message>
    <message>
        <source>Decarbonization explorer for the Dunkerque industrial-port cluster.</source>
        <translation>Explorateur de la décarbonation de la zone industrialo-portuaire de Dunkerque.</translation>
    </message>
    <message>
        <source>Show the full provenance of each source</source>
        <translation>Afficher la provenance complète de chaque source</translation>
    </message>
    <message>
        <source>Data sources</source>
        <translation>Sources des données</translation>
    </message>
    <message>
        <source>Licence: {licence}</source>
        <translation>Licence&#xa0;: {licence}</translation>
    </message>
    <message>
        <source>Date or period: {vintage}</source>
        <translation>Date ou période&#xa0;: {vintage}</translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation>Fichier&#xa0;: {name}</translation>
    </message>
</context>
<context>
    <name>AnimationDialog</name>
    <message>
        <source>Export Animation</source>
        <translation>Exporter une animation</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>De&#xa0;:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À&#xa0;:</translation>
    </message>
    <message>
        <source>Frame size:</source>
        <translation>Taille des images&#xa0;:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Each year shown for:</source>
        <translation>Durée de chaque année&#xa0;:</translation>
    </message>
    <message>
        <source>The first year is after the last year.</source>
        <translation>La première année est postérieure à la dernière.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Unexpected error</source>
        <extracomment>When this environment variable is set, the app prints ``FIRST_FRAME_LINE`` and quits as soon as the map has painted its first frame (start-up checks of a built app).</extracomment>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <source>dkgis met an unexpected error and may not work as it should:
{error}</source>
        <translation>dkgis a rencontré une erreur inattendue et pourrait ne plus fonctionner correctement&#xa0;:
{error}</translation>
    </message>
</context>
<context>
    <name>BasemapMenu</name>
    <message>
        <source>&amp;Basemap</source>
        <extracomment>How long the status-bar notices stay, in milliseconds.</extracomment>
        <translation>&amp;Fond de carte</translation>
    </message>
    <message>
        <source>Custom XYZ Tiles…</source>
        <translation>Tuiles XYZ personnalisées…</translation>
    </message>
    <message>
        <source>Basemap tiles unavailable: {reason}; showing the offline basemap</source>
        <translation>Tuiles du fond de carte indisponibles&#xa0;: {reason}&#x202f;; affichage du fond de carte hors ligne</translation>
    </message>
    <message>
        <source>Basemap tiles available again</source>
        <translation>Tuiles du fond de carte de nouveau disponibles</translation>
    </message>
    <message>
        <source>Custom XYZ Tiles</source>
        <translation>Tuiles XYZ personnalisées</translation>
    </message>
    <message>
        <source>© the map&apos;s producer</source>
        <translation>© le producteur de la carte</translation>
    </message>
    <message>
        <source>Address of the tiles in the Web Mercator grid, with {z}, {x} and {y} where the zoom level, column and row go.</source>
        <translation>Adresse des tuiles dans la grille Web Mercator, avec {z}, {x} et {y} à la place du niveau de zoom, de la colonne et de la ligne.</translation>
    </message>
    <message>
        <source>Tile URL:</source>
        <translation>URL des tuiles&#xa0;:</translation>
    </message>
    <message>
        <source>Credit:</source>
        <translation>Crédit&#xa0;:</translation>
    </message>
    <message>
        <source>Maximum zoom:</source>
        <translation>Zoom maximal&#xa0;:</translation>
    </message>
    <message>
        <source>The address must start with http:// or https://.</source>
        <translation>L’adresse doit commencer par http:// ou https://.</translation>
    </message>
    <message>
        <source>The address has no server name.</source>
        <translation>L’adresse ne contient pas de nom de serveur.</translation>
    </message>
    <message>
        <source>The address must contain {z}, {x} and {y}.</source>
        <translation>L’adresse doit contenir {z}, {x} et {y}.</translation>
    </message>
</context>
<context>
    <name>BookmarksMenu</name>
    <message>
        <source>&amp;Bookmarks</source>
        <translation>&amp;Signets</translation>
    </message>
    <message>
        <source>&amp;Add Bookmark…</source>
        <translation>&amp;Ajouter un signet…</translation>
    </message>
    <message>
        <source>Remember the current view under a name</source>
        <translation>Mémoriser la vue actuelle sous un nom</translation>
    </message>
    <message>
        <source>&amp;Delete Bookmark</source>
        <translation>&amp;Supprimer un signet</translation>
    </message>
    <message>
        <source>Add Bookmark</source>
        <translation>Ajouter un signet</translation>
    </message>
    <message>
        <source>Name of the current view:</source>
        <translation>Nom de la vue actuelle&#xa0;:</translation>
    </message>
    <message>
        <source>View {n}</source>
        <translation>Vue {n}</translation>
    </message>
</context>
<context>
    <name>ChartToolbar</name>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <source>No projections</source>
        <translation>Aucune projection</translation>
    </message>
    <message>
        <source>The project has no scenario to project under.</source>
        <translation>Le projet n’a aucun scénario de projection.</translation>
    </message>
    <message>
        <source>Scenario of the projections</source>
        <translation>Scénario des projections</translation>
    </message>
    <message>
        <source>Unit of the values: t, kt or Mt of CO₂e per year; Auto chooses it by the size of the values charted</source>
        <translation>Unité des valeurs&#xa0;: t, kt ou Mt de CO₂e par an&#xa0;; Auto la choisit selon l&apos;ordre de grandeur des valeurs représentées</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Put Back</source>
        <translation>Remettre en place</translation>
    </message>
    <message>
        <source>Put the chart back in the main window</source>
        <translation>Remettre le graphique dans la fenêtre principale</translation>
    </message>
    <message>
        <source>Enlarge</source>
        <translation>Agrandir</translation>
    </message>
    <message>
        <source>Show the chart in a window of its own</source>
        <translation>Afficher le graphique dans une fenêtre à part</translation>
    </message>
</context>
<context>
    <name>ClusterPanel</name>
    <message>
        <source>First year of the waterfall</source>
        <translation>Première année de la cascade</translation>
    </message>
    <message>
        <source>Waterfall from</source>
        <translation>Cascade depuis</translation>
    </message>
    <message>
        <source>Waterfall to 2030</source>
        <translation>Cascade 2030</translation>
    </message>
    <message>
        <source>baseline {year} (stated)</source>
        <translation>référence {year} (indiquée)</translation>
    </message>
    <message>
        <source>no baseline stated, dkgis uses {year} verified</source>
        <translation>aucune référence indiquée, dkgis utilise les émissions vérifiées {year}</translation>
    </message>
    <message>
        <source>{name}; {baseline}: {ref} → allows {allowed}.</source>
        <translation>{name}&#xa0;; {baseline}&#xa0;: {ref} → autorise {allowed}.</translation>
    </message>
    <message>
        <source>Gap: not available without projections.</source>
        <translation>Écart&#xa0;: indisponible sans projections.</translation>
    </message>
    <message>
        <source>misses it by {gap}</source>
        <translation>le manque de {gap}</translation>
    </message>
    <message>
        <source>meets it with {gap} to spare</source>
        <translation>l’atteint avec une marge de {gap}</translation>
    </message>
    <message>
        <source>“{scenario}”: {total} projected in {year}, {verdict}.</source>
        <translation>«&#xa0;{scenario}&#xa0;»&#xa0;: {total} projetées en {year}, {verdict}.</translation>
    </message>
    <message>
        <source>Gap to each cluster target (+ = above the target)</source>
        <translation>Écart à chaque objectif de la zone (+ = au-dessus de l’objectif)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>Image SVG (*.svg)</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>Exporter le graphique</translation>
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
        <source>Targets: {sites}.</source>
        <translation>Objectifs&#xa0;: {sites}.</translation>
    </message>
    <message>
        <source>Dunkerque cluster: CO₂ emissions by sector, {first}–{last}</source>
        <translation>Zone industrialo-portuaire de Dunkerque&#xa0;: émissions de CO₂ par secteur, {first}–{last}</translation>
    </message>
    <message>
        <source>{unit}; EU ETS verified, then projected</source>
        <translation>{unit}&#xa0;; données vérifiées (SEQE-UE), puis projection</translation>
    </message>
    <message>
        <source>Stacked areas: EU ETS verified emissions by sector (solid), then projected (light) under “{scenario}”; {n} to {m} installations report each year.</source>
        <translation>Aires empilées&#xa0;: émissions vérifiées (SEQE-UE) par secteur (teinte pleine), puis projetées (teinte claire) selon «&#xa0;{scenario}&#xa0;»&#xa0;; {n} à {m} installations déclarent chaque année.</translation>
    </message>
    <message>
        <source>Dunkerque cluster: from {year} to 2030 by measure</source>
        <translation>Zone industrialo-portuaire de Dunkerque&#xa0;: de {year} à 2030, mesure par mesure</translation>
    </message>
    <message>
        <source>{unit}; scenario “{scenario}”</source>
        <translation>{unit}&#xa0;; scénario «&#xa0;{scenario}&#xa0;»</translation>
    </message>
    <message>
        <source>By sector</source>
        <translation>Par secteur</translation>
    </message>
    <message>
        <source>Gaps to the targets</source>
        <translation>Écarts aux objectifs</translation>
    </message>
    <message>
        <source>Export Emissions by Sector as PNG…</source>
        <translation>Exporter les émissions par secteur en PNG…</translation>
    </message>
    <message>
        <source>Export Emissions by Sector as SVG…</source>
        <translation>Exporter les émissions par secteur en SVG…</translation>
    </message>
    <message>
        <source>Export the Waterfall to 2030 as PNG…</source>
        <translation>Exporter la cascade jusqu&apos;à 2030 en PNG…</translation>
    </message>
    <message>
        <source>Export the Waterfall to 2030 as SVG…</source>
        <translation>Exporter la cascade jusqu&apos;à 2030 en SVG…</translation>
    </message>
    <message>
        <source>targets</source>
        <translation>objectifs</translation>
    </message>
    <message>
        <source>Export {chart} as {fmt}…</source>
        <translation>Exporter {chart} en {fmt}…</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Open Database</source>
        <translation>Ouvrir une base de données</translation>
    </message>
    <message>
        <source>The shared PostgreSQL/PostGIS database of your team. Give a server, or the name of a service of your pg_service.conf file. The password is not kept: dkgis also finds it in your .pgpass file.</source>
        <translation>La base de données PostgreSQL/PostGIS partagée de votre équipe. Indiquez un serveur, ou le nom d’un service de votre fichier pg_service.conf. Le mot de passe n’est pas conservé&#xa0;: dkgis le trouve aussi dans votre fichier .pgpass.</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Nouvelle connexion</translation>
    </message>
    <message>
        <source>Recent:</source>
        <translation>Connexions récentes&#xa0;:</translation>
    </message>
    <message>
        <source>optional: a service of pg_service.conf</source>
        <translation>facultatif&#xa0;: un service de pg_service.conf</translation>
    </message>
    <message>
        <source>Service:</source>
        <translation>Service&#xa0;:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port&#xa0;:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de données&#xa0;:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>not kept; empty: from .pgpass</source>
        <translation>non conservé&#x202f;; vide&#xa0;: pris dans .pgpass</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>When the server offers it (prefer)</source>
        <translation>Quand le serveur le propose (prefer)</translation>
    </message>
    <message>
        <source>Always (require)</source>
        <translation>Toujours (require)</translation>
    </message>
    <message>
        <source>Always, checking the certificate (verify-ca)</source>
        <translation>Toujours, avec vérification du certificat (verify-ca)</translation>
    </message>
    <message>
        <source>Always, checking the certificate and name (verify-full)</source>
        <translation>Toujours, avec vérification du certificat et du nom (verify-full)</translation>
    </message>
    <message>
        <source>Never (disable)</source>
        <translation>Jamais (disable)</translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation>Chiffrement&#xa0;:</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Give a server, or a service of pg_service.conf.</source>
        <translation>Indiquez un serveur, ou un service de pg_service.conf.</translation>
    </message>
    <message>
        <source>Connecting to {database}…</source>
        <translation>Connexion à {database}…</translation>
    </message>
</context>
<context>
    <name>CrsDialog</name>
    <message>
        <source>Lambert-93 (RGF93, metres)</source>
        <translation>Lambert-93 (RGF93, mètres)</translation>
    </message>
    <message>
        <source>WGS 84 longitude/latitude (degrees, GPS)</source>
        <translation>WGS 84 longitude/latitude (degrés, GPS)</translation>
    </message>
    <message>
        <source>Lambert II étendu (NTF, metres)</source>
        <translation>Lambert II étendu (NTF, mètres)</translation>
    </message>
    <message>
        <source>UTM zone 31N (WGS 84, metres)</source>
        <translation>UTM zone 31N (WGS 84, mètres)</translation>
    </message>
    <message>
        <source>Web Mercator (metres, web maps)</source>
        <translation>Web Mercator (mètres, cartes web)</translation>
    </message>
    <message>
        <source>Coordinate System</source>
        <translation>Système de coordonnées</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; does not say in which coordinate system its coordinates are. Which one is it?</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; n’indique pas dans quel système de coordonnées sont ses coordonnées. Lequel est-ce&#x202f;?</translation>
    </message>
    <message>
        <source>Other EPSG code:</source>
        <translation>Autre code EPSG&#xa0;:</translation>
    </message>
    <message>
        <source>e.g. 3949 (CC49)</source>
        <translation>par exemple 3949 (CC49)</translation>
    </message>
    <message>
        <source>“{code}” is not a coordinate system code known to dkgis.</source>
        <translation>«&#xa0;{code}&#xa0;» n’est pas un code de système de coordonnées connu de dkgis.</translation>
    </message>
</context>
<context>
    <name>CursorStatus</name>
    <message>
        <source>N</source>
        <comment>north</comment>
        <translation>N</translation>
    </message>
    <message>
        <source>S</source>
        <comment>south</comment>
        <translation>S</translation>
    </message>
    <message>
        <source>E</source>
        <comment>east</comment>
        <translation>E</translation>
    </message>
    <message>
        <source>W</source>
        <comment>west</comment>
        <translation>O</translation>
    </message>
    <message>
        <source>1:{denominator}</source>
        <comment>map scale</comment>
        <translation>1/{denominator}</translation>
    </message>
    <message>
        <source>Cursor position, WGS84 longitude and latitude</source>
        <translation>Position du curseur, longitude et latitude WGS84</translation>
    </message>
    <message>
        <source>Cursor position, Lambert-93 (EPSG:2154) in metres</source>
        <translation>Position du curseur, Lambert-93 (EPSG:2154) en mètres</translation>
    </message>
    <message>
        <source>Map scale at the centre of the map (Mercator stretch accounted for)</source>
        <translation>Échelle au centre de la carte (déformation de Mercator prise en compte)</translation>
    </message>
    <message>
        <source>Lambert-93 unavailable</source>
        <translation>Lambert-93 indisponible</translation>
    </message>
    <message>
        <source>Lambert-93  X {x}  Y {y} m</source>
        <translation>Lambert-93  X {x}  Y {y} m</translation>
    </message>
    <message>
        <source>Lambert-93: outside the projection</source>
        <translation>Lambert-93&#xa0;: hors de la projection</translation>
    </message>
</context>
<context>
    <name>DatabaseActions</name>
    <message>
        <source>Open &amp;Database…</source>
        <extracomment>Windows opened on a database (kept alive: a top-level window needs a Python reference).</extracomment>
        <translation>Ouvrir une &amp;base de données…</translation>
    </message>
    <message>
        <source>Open the dataset of your team&apos;s PostgreSQL/PostGIS database</source>
        <translation>Ouvrir le jeu de données de la base PostgreSQL/PostGIS de votre équipe</translation>
    </message>
    <message>
        <source>Add &amp;Layer from Database…</source>
        <translation>Ajouter une couche de la base de &amp;données…</translation>
    </message>
    <message>
        <source>Add a table of a PostGIS database, read for the visible area</source>
        <translation>Ajouter une table d’une base PostGIS, lue pour la zone visible</translation>
    </message>
    <message>
        <source>&amp;Save Project to Database…</source>
        <translation>&amp;Enregistrer le projet dans la base de données…</translation>
    </message>
    <message>
        <source>Share the scenarios, view, selection and year with your team</source>
        <translation>Partager les scénarios, la vue, la sélection et l’année avec votre équipe</translation>
    </message>
    <message>
        <source>&amp;Open Project from Database…</source>
        <translation>&amp;Ouvrir un projet de la base de données…</translation>
    </message>
    <message>
        <source>Share Active S&amp;cenario</source>
        <translation>Partager le s&amp;cénario actif</translation>
    </message>
    <message>
        <source>Save the active scenario in the database for your team</source>
        <translation>Enregistrer le scénario actif dans la base de données pour votre équipe</translation>
    </message>
    <message>
        <source>Open Shared Sce&amp;nario…</source>
        <translation>Ouvrir un scé&amp;nario partagé…</translation>
    </message>
    <message>
        <source>Shared &amp;Database</source>
        <translation>Base de données pa&amp;rtagée</translation>
    </message>
    <message>
        <source>Open a database (File &gt; Open Database…) to share with your team</source>
        <translation>Ouvrez une base de données (Fichier &gt; Ouvrir une base de données…) pour partager avec votre équipe</translation>
    </message>
    <message>
        <source>Saved by Someone Else</source>
        <translation>Enregistré par une autre personne</translation>
    </message>
    <message>
        <source>Your save was refused: nothing was overwritten.</source>
        <translation>Votre enregistrement a été refusé&#xa0;: rien n’a été écrasé.</translation>
    </message>
    <message>
        <source>Database Problem</source>
        <translation>Problème de base de données</translation>
    </message>
    <message>
        <source>The database {name} could not be used.</source>
        <translation>La base de données {name} n’a pas pu être utilisée.</translation>
    </message>
    <message>
        <source>The database could not be used.</source>
        <translation>La base de données n’a pas pu être utilisée.</translation>
    </message>
    <message>
        <source>Add Layer from Database</source>
        <translation>Ajouter une couche de la base de données</translation>
    </message>
    <message>
        <source>Reading the tables of {database}…</source>
        <translation>Lecture des tables de {database}…</translation>
    </message>
    <message>
        <source>Layer “{title}” added from {database}: its features are read for the visible area.</source>
        <translation>Couche «&#xa0;{title}&#xa0;» ajoutée depuis {database}&#xa0;: ses objets sont lus pour la zone visible.</translation>
    </message>
    <message>
        <source>Save Project to Database</source>
        <translation>Enregistrer le projet dans la base de données</translation>
    </message>
    <message>
        <source>Name of the project, as your team will see it:</source>
        <translation>Nom du projet, tel que votre équipe le verra&#xa0;:</translation>
    </message>
    <message>
        <source>Project “{name}” saved to the database (version {version}).</source>
        <translation>Projet «&#xa0;{name}&#xa0;» enregistré dans la base de données (version {version}).</translation>
    </message>
    <message>
        <source>Saving the project “{name}”…</source>
        <translation>Enregistrement du projet «&#xa0;{name}&#xa0;»…</translation>
    </message>
    <message>
        <source>Open Project from Database</source>
        <translation>Ouvrir un projet de la base de données</translation>
    </message>
    <message>
        <source>Reading the shared projects…</source>
        <translation>Lecture des projets partagés…</translation>
    </message>
    <message>
        <source>Project “{name}” opened (saved by {user} on {when}).</source>
        <translation>Projet «&#xa0;{name}&#xa0;» ouvert (enregistré par {user} le {when}).</translation>
    </message>
    <message>
        <source>Opening the project “{name}”…</source>
        <translation>Ouverture du projet «&#xa0;{name}&#xa0;»…</translation>
    </message>
    <message>
        <source>Scenario “{name}” shared (version {version}).</source>
        <translation>Scénario «&#xa0;{name}&#xa0;» partagé (version {version}).</translation>
    </message>
    <message>
        <source>Sharing the scenario “{name}”…</source>
        <translation>Partage du scénario «&#xa0;{name}&#xa0;»…</translation>
    </message>
    <message>
        <source>Open Shared Scenario</source>
        <translation>Ouvrir un scénario partagé</translation>
    </message>
    <message>
        <source>Reading the shared scenarios…</source>
        <translation>Lecture des scénarios partagés…</translation>
    </message>
    <message>
        <source>Scenario “{name}” opened (saved by {user} on {when}).</source>
        <translation>Scénario «&#xa0;{name}&#xa0;» ouvert (enregistré par {user} le {when}).</translation>
    </message>
    <message>
        <source>Opening the scenario “{name}”…</source>
        <translation>Ouverture du scénario «&#xa0;{name}&#xa0;»…</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <source>Unexpected error: {error}</source>
        <extracomment>Settings key of the recent connections (a JSON list, newest first; no password). How many recent connections are kept. Encryption choices: libpq ``sslmode`` values, ``prefer`` first (the default).</extracomment>
        <translation>Erreur inattendue&#xa0;: {error}</translation>
    </message>
    <message>
        <source>about {n} rows</source>
        <translation>environ {n} lignes</translation>
    </message>
</context>
<context>
    <name>DatabaseLayerReader</name>
    <message>
        <source>“{title}”: more than {n} features in this area; the first {n} are shown. Zoom in to see them all.</source>
        <extracomment>Quiet time after the last view change before the layers are read. Reads done, for tests and benchmarks.</extracomment>
        <translation>«&#xa0;{title}&#xa0;»&#xa0;: plus de {n} objets dans cette zone&#x202f;; les {n} premiers sont affichés. Zoomez pour les voir tous.</translation>
    </message>
    <message>
        <source>“{title}” could not be read: {problem}</source>
        <translation>Lecture de «&#xa0;{title}&#xa0;» impossible&#xa0;: {problem}</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <source>Click a facility on the map to see its details.</source>
        <translation>Cliquez sur un site de la carte pour voir sa fiche.</translation>
    </message>
    <message numerus="yes">
        <source>%n facilities selected.</source>
        <translation>
            <numerusform>%n site sélectionné.</numerusform>
            <numerusform>%n sites sélectionnés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Exploitant</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localisation</translation>
    </message>
    <message>
        <source>Same point as</source>
        <translation>Même point que</translation>
    </message>
    <message>
        <source>Latest verified emissions</source>
        <translation>Dernières émissions vérifiées</translation>
    </message>
    <message>
        <source>{value} in {year}</source>
        <translation>{value} en {year}</translation>
    </message>
    <message>
        <source>No verified value (not in the EU ETS data)</source>
        <translation>Aucune valeur vérifiée (absent des données du SEQE-UE)</translation>
    </message>
    <message>
        <source>Notes on the data</source>
        <translation>Notes sur les données</translation>
    </message>
    <message>
        <source>Announced measures</source>
        <translation>Mesures annoncées</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>none stated for the site</source>
        <translation>aucun objectif propre au site</translation>
    </message>
    <message>
        <source>Sources:</source>
        <translation>Sources&#xa0;:</translation>
    </message>
    <message>
        <source>Registry numbers: {ids}</source>
        <translation>Numéros aux registres&#xa0;: {ids}</translation>
    </message>
</context>
<context>
    <name>DockedChart</name>
    <message>
        <source>This chart is shown in a window of its own.</source>
        <extracomment>Share of the screen&apos;s free room an enlarged chart window takes at first. Emitted when the window is closed (the panel goes back to its dock).</extracomment>
        <translation>Ce graphique est affiché dans une fenêtre à part.</translation>
    </message>
    <message>
        <source>Put It Back Here</source>
        <translation>Le remettre ici</translation>
    </message>
</context>
<context>
    <name>FacilitySearchBox</name>
    <message>
        <source>Find a facility, operator or commune…</source>
        <extracomment>Item data: the facility id of a completion. Item data: the text put in the box when a completion is chosen (the name). Completions shown at most.</extracomment>
        <translation>Rechercher un site, un exploitant ou une commune…</translation>
    </message>
    <message>
        <source>Type part of a name, an operator or a commune (Ctrl+F)</source>
        <translation>Tapez une partie d’un nom, d’un exploitant ou d’une commune (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>FacilityTable</name>
    <message>
        <source>Name</source>
        <extracomment>Item data: the facility id of a row. Item data: the value exported to CSV (numbers unformatted). Text colour of &quot;no data&quot; cells. Texts measured per column to fit it (the longest by character count). Room for the sort arrow in a header and for the margins of a cell, in pixels. Widest a column gets when fitted to its contents, in pixels. Keys of the columns of the frame&apos;s values (the others are the facilities&apos; own). The table&apos;s columns; emissions come early so that they show without scrolling.</extracomment>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Exploitant</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localisation</translation>
    </message>
</context>
<context>
    <name>FacilityTablePanel</name>
    <message>
        <source>Filter rows (any column)…</source>
        <extracomment>Facility ids in dataset order (the order of the frame&apos;s values).</extracomment>
        <translation>Filtrer les lignes (toutes colonnes)…</translation>
    </message>
    <message>
        <source>Export Visible Rows to CSV…</source>
        <translation>Exporter les lignes affichées en CSV…</translation>
    </message>
    <message>
        <source>Save the rows shown (filtered and sorted) as a CSV file for spreadsheets</source>
        <translation>Enregistrer les lignes affichées (filtrées et triées) dans un fichier CSV pour tableur</translation>
    </message>
    <message>
        <source>Identifier</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>{shown} of {total} facilities</source>
        <translation>{shown} sites sur {total}</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n sélectionné</numerusform>
            <numerusform>%n sélectionnés</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Visible Rows</source>
        <translation>Exporter les lignes affichées</translation>
    </message>
    <message>
        <source>CSV for spreadsheets (*.csv)</source>
        <translation>CSV pour tableur (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’export</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>Impossible d’écrire {path}&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>FacilityTooltip</name>
    <message>
        <source>and %n more here</source>
        <extracomment>Facilities listed in one tooltip; sites sharing a point beyond that are counted. Location precisions that place a symbol only roughly; the tooltip says so.</extracomment>
        <translation>et %n de plus ici</translation>
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
    <name>HtmlExport</name>
    <message>
        <source>Building the interactive map…</source>
        <translation>Construction de la carte interactive…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Export Interactive Map</source>
        <translation>Exporter la carte interactive</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>Impossible d’écrire {path}&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import Emissions Data</source>
        <translation>Importer des données d’émissions</translation>
    </message>
    <message>
        <source>Reading {n} file(s)…</source>
        <translation>Lecture de {n} fichier(s)…</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>Replace the values that differ</source>
        <translation>Remplacer les valeurs qui diffèrent</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Nothing was imported: {problem}</source>
        <translation>Rien n’a été importé&#xa0;: {problem}</translation>
    </message>
    <message>
        <source>Preview of the import of {files}.</source>
        <translation>Aperçu de l’import de {files}.</translation>
    </message>
    <message>
        <source>Values added ({n})</source>
        <translation>Valeurs ajoutées ({n})</translation>
    </message>
    <message>
        <source>Values changed ({n})</source>
        <translation>Valeurs modifiées ({n})</translation>
    </message>
    <message>
        <source>Installations of the cluster not in the data ({n})</source>
        <translation>Installations de la zone absentes des données ({n})</translation>
    </message>
    <message>
        <source>Scenario baselines: mean {before} → mean {after}</source>
        <translation>Références des scénarios&#xa0;: moyenne {before} → moyenne {after}</translation>
    </message>
    <message>
        <source>Notes ({n})</source>
        <translation>Remarques ({n})</translation>
    </message>
    <message>
        <source>Nothing new: the data already holds these values.</source>
        <translation>Rien de nouveau&#xa0;: les données contiennent déjà ces valeurs.</translation>
    </message>
    <message>
        <source>Do not add</source>
        <translation>Ne pas ajouter</translation>
    </message>
    <message>
        <source>Writing your copy of the data…</source>
        <translation>Écriture de votre copie des données…</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>Vos données</translation>
    </message>
    <message>
        <source>Your data, updated on {date}</source>
        <translation>Vos données, mises à jour le {date}</translation>
    </message>
    <message>
        <source>Writing to {database}…</source>
        <translation>Écriture dans {database}…</translation>
    </message>
</context>
<context>
    <name>ImportDialogs</name>
    <message>
        <source>points</source>
        <translation>points</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>lignes</translation>
    </message>
    <message>
        <source>polygons</source>
        <translation>polygones</translation>
    </message>
    <message>
        <source>mixed geometry</source>
        <translation>géométries mixtes</translation>
    </message>
    <message>
        <source>Choose Layers</source>
        <translation>Choisir les couches</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; holds several layers. Which ones do you want to add?</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; contient plusieurs couches. Lesquelles voulez-vous ajouter&#x202f;?</translation>
    </message>
    <message>
        <source>Add Layers</source>
        <translation>Ajouter les couches</translation>
    </message>
    <message>
        <source>Coordinate Columns</source>
        <translation>Colonnes des coordonnées</translation>
    </message>
    <message>
        <source>Several columns of &lt;b&gt;{file}&lt;/b&gt; could hold coordinates. Which ones should place the points?</source>
        <translation>Plusieurs colonnes de &lt;b&gt;{file}&lt;/b&gt; pourraient contenir des coordonnées. Lesquelles doivent placer les points&#x202f;?</translation>
    </message>
    <message>
        <source>X or longitude:</source>
        <translation>X ou longitude&#xa0;:</translation>
    </message>
    <message>
        <source>Y or latitude:</source>
        <translation>Y ou latitude&#xa0;:</translation>
    </message>
    <message>
        <source>Choose two different columns.</source>
        <translation>Choisissez deux colonnes différentes.</translation>
    </message>
</context>
<context>
    <name>KpiPanel</name>
    <message>
        <source>{value} Mt CO₂e</source>
        <translation>{value} Mt CO₂e</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Vérifiées</translation>
    </message>
    <message>
        <source>no verified data</source>
        <translation>aucune donnée vérifiée</translation>
    </message>
    <message>
        <source>Verified, {year}</source>
        <translation>Vérifiées, {year}</translation>
    </message>
    <message>
        <source>EU ETS, {n} installations</source>
        <translation>SEQE-UE, {n} installations</translation>
    </message>
    <message>
        <source>Projected</source>
        <translation>Projetées</translation>
    </message>
    <message>
        <source>not available (no scenario)</source>
        <translation>non disponible (aucun scénario)</translation>
    </message>
    <message>
        <source>not projected</source>
        <translation>non projetées</translation>
    </message>
    <message>
        <source>Projected, {year}</source>
        <translation>Projetées, {year}</translation>
    </message>
    <message>
        <source>scenario “{name}”</source>
        <translation>scénario «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Covered by quantified measures</source>
        <translation>Couvertes par des mesures chiffrées</translation>
    </message>
    <message>
        <source>of the baseline emissions: {n} of {m} sites with a baseline have a measure with a figure and a start year</source>
        <translation>des émissions de référence&#xa0;: {n} des {m} sites dotés d’une référence ont une mesure chiffrée avec une année de démarrage</translation>
    </message>
    <message>
        <source>CO₂e of the cluster</source>
        <translation>CO₂e de la zone</translation>
    </message>
    <message>
        <source>{site}: {figure}</source>
        <translation>{site}&#xa0;: {figure}</translation>
    </message>
    <message>
        <source>“{words}”</source>
        <translation>«&#xa0;{words}&#xa0;»</translation>
    </message>
    <message>
        <source>Announced projects</source>
        <translation>Projets annoncés</translation>
    </message>
    <message>
        <source>direct jobs stated for {n} projects; {m} of {total} projects state no figure</source>
        <translation>emplois directs indiqués pour {n} projets&#x202f;; {m} projets sur {total} n’indiquent aucun chiffre</translation>
    </message>
    <message>
        <source>Existing sites</source>
        <translation>Sites existants</translation>
    </message>
    <message>
        <source>direct jobs, workforce stated for {n} sites</source>
        <translation>emplois directs, effectif indiqué pour {n} sites</translation>
    </message>
    <message>
        <source>Not added up (not direct jobs alone, or not said):</source>
        <translation>Non additionnés (pas seulement des emplois directs, ou non précisé)&#xa0;:</translation>
    </message>
    <message>
        <source>Expected for the territory:</source>
        <translation>Attendus pour le territoire&#xa0;:</translation>
    </message>
    <message>
        <source>{n} of {total} sites have no stated figure: unknown, not zero. Sources: the press and company pages cited by the dataset.</source>
        <translation>{n} sites sur {total} n’ont aucun chiffre indiqué&#xa0;: inconnu, et non pas zéro. Sources&#xa0;: la presse et les pages des entreprises citées par le jeu de données.</translation>
    </message>
    <message>
        <source>Jobs stated by the sources</source>
        <translation>Emplois indiqués par les sources</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>non indiqué</translation>
    </message>
    <message>
        <source>Investment announced</source>
        <translation>Investissement annoncé</translation>
    </message>
    <message>
        <source>stated for {n} of {total} projects</source>
        <translation>indiqué pour {n} projets sur {total}</translation>
    </message>
    <message>
        <source>{amount}: {measure}</source>
        <translation>{amount}&#xa0;: {measure}</translation>
    </message>
    <message>
        <source>Single figures as each source states them; some cover sites outside the cluster too (see each project&apos;s note). Ranges and grants are not added.</source>
        <translation>Chiffres uniques tels que chaque source les indique&#x202f;; certains couvrent aussi des sites hors de la zone (voir la remarque de chaque projet). Les fourchettes et les aides publiques ne sont pas additionnées.</translation>
    </message>
    <message>
        <source>Investment</source>
        <translation>Investissement</translation>
    </message>
    <message>
        <source>Annual emissions</source>
        <translation>Émissions annuelles</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Emplois</translation>
    </message>
    <message>
        <source>Economic output</source>
        <translation>Production économique</translation>
    </message>
    <message>
        <source>Share of national emissions</source>
        <translation>Part des émissions nationales</translation>
    </message>
    <message>
        <source>Planned CO₂ reduction</source>
        <translation>Réduction de CO₂ prévue</translation>
    </message>
    <message>
        <source>{figure} (year not stated)</source>
        <translation>{figure} (année non indiquée)</translation>
    </message>
    <message>
        <source>Other Transitioning Industrial Clusters (WEF)</source>
        <translation>Autres zones industrielles en transition (WEF)</translation>
    </message>
    <message>
        <source>Comparable: the same measure for every cluster.</source>
        <translation>Comparable&#xa0;: la même mesure pour chaque zone.</translation>
    </message>
    <message>
        <source>Not comparable as such: the sources count different things.</source>
        <translation>Non comparable en l’état&#xa0;: les sources ne comptent pas la même chose.</translation>
    </message>
    <message>
        <source>No figure of other clusters in this dataset.</source>
        <translation>Aucun chiffre d’autres zones dans ce jeu de données.</translation>
    </message>
    <message>
        <source>(this cluster)</source>
        <translation>(cette zone)</translation>
    </message>
    <message>
        <source>Each figure is shown with what its source counts (scope, year, direct or all jobs, currency); figures that count different things are set side by side, not compared.</source>
        <translation>Chaque chiffre est présenté avec ce que compte sa source (périmètre, année, emplois directs ou totaux, devise)&#x202f;; les chiffres qui comptent des choses différentes sont juxtaposés, et non comparés.</translation>
    </message>
    <message>
        <source>{cluster} in this dataset: {value} verified in {year} (EU ETS, {n} installations).</source>
        <translation>{cluster} dans ce jeu de données&#xa0;: {value} vérifiées en {year} (SEQE-UE, {n} installations).</translation>
    </message>
    <message>
        <source>{n} member clusters are named by the sources.</source>
        <translation>{n} zones membres sont citées par les sources.</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>Opacity</source>
        <extracomment>MIME type of a dragged layer row (the layer&apos;s name, UTF-8). Margin added around a layer&apos;s bounds when zooming to it (fraction of its size). Smallest extent shown when zooming to a layer (a single point), in metres.</extracomment>
        <translation>Opacité</translation>
    </message>
    <message>
        <source>Opacity of the selected layer</source>
        <translation>Opacité de la couche sélectionnée</translation>
    </message>
    <message>
        <source>Sources:</source>
        <extracomment>The last context menu shown (kept so that it stays alive while open). Callables ``(layer, menu)`` adding actions to a layer&apos;s context menu, after the panel&apos;s own (zoom, information). The last information dialog opened.</extracomment>
        <translation>Sources&#xa0;:</translation>
    </message>
    <message>
        <source>Right-click for details and zoom</source>
        <translation>Clic droit pour les détails et le zoom</translation>
    </message>
    <message>
        <source>&amp;Zoom to Layer</source>
        <translation>&amp;Zoomer sur la couche</translation>
    </message>
    <message>
        <source>Layer &amp;Information…</source>
        <translation>&amp;Informations sur la couche…</translation>
    </message>
    <message>
        <source>Layer Information — {title}</source>
        <translation>Informations sur la couche — {title}</translation>
    </message>
    <message>
        <source>No source is recorded for this layer.</source>
        <translation>Aucune source n’est enregistrée pour cette couche.</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>Vintage</source>
        <translation>Millésime</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Crédit</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Source {id} is cited but not described.</source>
        <translation>La source {id} est citée mais n’est pas décrite.</translation>
    </message>
</context>
<context>
    <name>LayerStyleDialog</name>
    <message>
        <source>Style of “{title}”</source>
        <extracomment>Extra quick colours after the default palette (still clear of the sector palette).</extracomment>
        <translation>Style de «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>Autre…</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>Couleur&#xa0;:</translation>
    </message>
    <message>
        <source>Point size:</source>
        <translation>Taille des points&#xa0;:</translation>
    </message>
    <message>
        <source>Line width:</source>
        <translation>Épaisseur des lignes&#xa0;:</translation>
    </message>
    <message>
        <source>Polygon fill:</source>
        <translation>Remplissage des polygones&#xa0;:</translation>
    </message>
    <message>
        <source>Layer opacity:</source>
        <translation>Opacité de la couche&#xa0;:</translation>
    </message>
    <message>
        <source>%</source>
        <comment>percent suffix</comment>
        <translation>&#xa0;%</translation>
    </message>
    <message>
        <source>Colour of the layer</source>
        <translation>Couleur de la couche</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <source>Show all</source>
        <translation>Tout afficher</translation>
    </message>
    <message>
        <source>Hide all</source>
        <translation>Tout masquer</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sectors&lt;/b&gt; (untick to hide)</source>
        <translation>&lt;b&gt;Secteurs&lt;/b&gt; (décocher pour masquer)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Symbols&lt;/b&gt;</source>
        <translation>&lt;b&gt;Symboles&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{sector} ({n})</source>
        <translation>{sector} ({n})</translation>
    </message>
    <message>
        <source>CO₂ emissions</source>
        <translation>Émissions de CO₂</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Emplois</translation>
    </message>
    <message>
        <source>What the area of the emission circles shows: the year&apos;s CO₂, or the direct jobs stated by the sources (sites without a stated figure show no data)</source>
        <translation>Ce que représente la surface des cercles&#xa0;: le CO₂ de l’année, ou les emplois directs indiqués par les sources (les sites sans chiffre indiqué apparaissent sans donnée)</translation>
    </message>
    <message>
        <source>Circle size:</source>
        <translation>Taille des cercles&#xa0;:</translation>
    </message>
    <message>
        <source>Operating (filled)</source>
        <translation>En activité (plein)</translation>
    </message>
    <message>
        <source>Announced, under construction or suspended (ring)</source>
        <translation>Annoncé, en construction ou suspendu (anneau)</translation>
    </message>
    <message>
        <source>Closed or cancelled (faded)</source>
        <translation>Fermé ou annulé (estompé)</translation>
    </message>
    <message>
        <source>Approximate location: commune, postcode or nearby site (dashed halo)</source>
        <translation>Localisation approximative&#xa0;: commune, code postal ou site voisin (halo en tirets)</translation>
    </message>
    <message>
        <source>True point of several sites spread around it (display only)</source>
        <translation>Point réel de plusieurs sites répartis autour (affichage seulement)</translation>
    </message>
    <message>
        <source>CO₂ emissions of the year: circle area ∝ tonnes (EU ETS verified)</source>
        <translation>Émissions de CO₂ de l’année&#xa0;: surface du cercle ∝ tonnes (vérifiées SEQE-UE)</translation>
    </message>
    <message>
        <source>Verified emissions of zero</source>
        <translation>Émissions vérifiées nulles</translation>
    </message>
    <message>
        <source>No emission data for the year</source>
        <translation>Aucune donnée d’émissions pour l’année</translation>
    </message>
</context>
<context>
    <name>LoadProgress</name>
    <message>
        <source>Cancel</source>
        <extracomment>Steps of the progress bar.</extracomment>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Examining {file}…</source>
        <translation>Examen de {file}…</translation>
    </message>
    <message>
        <source>Loading {file}…</source>
        <translation>Chargement de {file}…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
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
        <extracomment>Bump when the dock layout changes incompatibly, so an old saved state is ignored (2: the chart docks hold their panel in a DockedChart; wider charts at first). What the window shows (year, scenario, layers, sectors, selection, view): the map, its legend, the table, the tooltip, the details and the slider&apos;s caption. Set once the user has answered the &quot;save changes?&quot; question (or had none to answer).</extracomment>
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
        <translation>À &amp;propos de dkgis</translation>
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
        <source>Open Dataset</source>
        <extracomment>The first start&apos;s geometry, until the window is shown (None: restored).</extracomment>
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
        <source>The layer “{layer}” is hidden: tick it in the Layers panel to see the emissions of {year} on the map.</source>
        <translation>La couche «&#xa0;{layer}&#xa0;» est masquée&#xa0;: cochez-la dans le panneau Couches pour voir les émissions de {year} sur la carte.</translation>
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
        <source>The database {name} could not be opened.</source>
        <translation>La base de données {name} n’a pas pu être ouverte.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <extracomment>Each language named in itself, as language choosers do.</extracomment>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>System language ({name})</source>
        <translation>Langue du système ({name})</translation>
    </message>
    <message>
        <source>The new language applies the next time dkgis starts.</source>
        <translation>La nouvelle langue s’appliquera au prochain démarrage de dkgis.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
</context>
<context>
    <name>PresentationDialog</name>
    <message>
        <source>Export Presentation (PowerPoint)</source>
        <extracomment>Frame sizes offered for animations: label, (width, height).</extracomment>
        <translation>Exporter une présentation (PowerPoint)</translation>
    </message>
    <message>
        <source>Year of the map:</source>
        <translation>Année de la carte&#xa0;:</translation>
    </message>
    <message>
        <source>Scenario of the years after the last verified one, on the map and the charts</source>
        <translation>Scénario des années postérieures à la dernière année vérifiée, sur la carte et les graphiques</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>Scénario&#xa0;:</translation>
    </message>
    <message>
        <source>Select facilities on the map first</source>
        <translation>Sélectionnez d’abord des sites sur la carte</translation>
    </message>
    <message>
        <source>Start with a title slide</source>
        <translation>Commencer par une diapositive de titre</translation>
    </message>
</context>
<context>
    <name>PresentationExport</name>
    <message>
        <source>Could not write {path}.</source>
        <translation>Impossible d’écrire {path}.</translation>
    </message>
    <message>
        <source>Export Presentation</source>
        <translation>Exporter une présentation</translation>
    </message>
    <message>
        <source>Drawing the map of each year…</source>
        <translation>Dessin de la carte de chaque année…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Export Animation</source>
        <translation>Exporter une animation</translation>
    </message>
    <message>
        <source>PowerPoint presentation (*.pptx)</source>
        <translation>Présentation PowerPoint (*.pptx)</translation>
    </message>
    <message>
        <source>Presentation exported to {path}</source>
        <translation>Présentation exportée dans {path}</translation>
    </message>
    <message>
        <source>Animated GIF (*.gif)</source>
        <translation>GIF animé (*.gif)</translation>
    </message>
    <message>
        <source>MP4 video (*.mp4)</source>
        <translation>Vidéo MP4 (*.mp4)</translation>
    </message>
    <message>
        <source>Animation exported to {path}</source>
        <translation>Animation exportée dans {path}</translation>
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
        <source>Don&apos;t Save</source>
        <translation>Ne pas enregistrer</translation>
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
    <message>
        <source>Save the scenarios, layers, map view, selection and year in a project file</source>
        <translation>Enregistrer les scénarios, les couches, la vue de la carte, la sélection et l’année dans un fichier de projet</translation>
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
</context>
<context>
    <name>ScenarioEditor</name>
    <message>
        <source>The scenario of the charts and of the map&apos;s future years</source>
        <extracomment>Room around a cell&apos;s text (margins and grid), in pixels. Width of a check box in a cell, in pixels. Narrowest the site column gets (a little narrower than the measure&apos;s name: the numbers must fit beside both on a 1366-pixel screen). Widest a column gets by itself (the name of a measure is elided past it). Number of messages shown (edits applied or refused, scenario commands).</extracomment>
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
        <source>&lt;b&gt;No measures, on purpose.&lt;/b&gt; This scenario is the reference without any decarbonization project: each site keeps its baseline emissions (the mean of its baseline years) every year after the last verified one. Compare it with “{announced}” to see what the announced projects change. To build your own scenario, choose a scenario with measures and click &lt;i&gt;Duplicate&lt;/i&gt;.</source>
        <translation>&lt;b&gt;Aucune mesure, volontairement.&lt;/b&gt; Ce scénario est la référence sans aucun projet de décarbonation&#xa0;: chaque site garde ses émissions de référence (la moyenne de ses années de référence) chaque année après la dernière année vérifiée. Comparez-le avec «&#xa0;{announced}&#xa0;» pour voir ce que changent les projets annoncés. Pour construire votre propre scénario, choisissez un scénario comportant des mesures et cliquez sur &lt;i&gt;Dupliquer&lt;/i&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;This scenario has no measures:&lt;/b&gt; each site keeps its baseline emissions every year after the last verified one. To edit measures, duplicate a scenario that has some.</source>
        <translation>&lt;b&gt;Ce scénario ne comporte aucune mesure&#xa0;:&lt;/b&gt; chaque site garde ses émissions de référence chaque année après la dernière année vérifiée. Pour modifier des mesures, dupliquez un scénario qui en comporte.</translation>
    </message>
    <message>
        <source>On</source>
        <extracomment>Column keys, in order. The columns of numbers, whose values are never cut.</extracomment>
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
    <name>SharedItemDialog</name>
    <message>
        <source>Nothing has been shared in this database yet.</source>
        <translation>Rien n’a encore été partagé dans cette base de données.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Saved by</source>
        <translation>Enregistré par</translation>
    </message>
    <message>
        <source>Saved on</source>
        <translation>Enregistré le</translation>
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
        <translation>Exporter la carte</translation>
    </message>
    <message>
        <source>Map</source>
        <extracomment>Number of previews rendered (tests, benchmarks). The page layout of the last preview (the file&apos;s: see :func:`render_preview`).</extracomment>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Current view</source>
        <translation>Vue actuelle</translation>
    </message>
    <message>
        <source>Whole cluster</source>
        <translation>Toute la zone</translation>
    </message>
    <message>
        <source>Selected facilities</source>
        <translation>Sites sélectionnés</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>Emprise&#xa0;:</translation>
    </message>
    <message>
        <source>CO₂ emission circles</source>
        <translation>Cercles d’émissions de CO₂</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Année&#xa0;:</translation>
    </message>
    <message>
        <source>Scenario of the emissions of years after the last verified year</source>
        <translation>Scénario des émissions des années postérieures à la dernière année vérifiée</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>Scénario&#xa0;:</translation>
    </message>
    <message>
        <source>Map + trajectory chart</source>
        <translation>Carte + graphique de trajectoire</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>Mise en page&#xa0;:</translation>
    </message>
    <message>
        <source>Chart of:</source>
        <translation>Graphique de&#xa0;:</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Custom size</source>
        <translation>Taille personnalisée</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>pixels</translation>
    </message>
    <message>
        <source>mm</source>
        <translation>mm</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> ppp</translation>
    </message>
    <message>
        <source>Keep proportions</source>
        <translation>Conserver les proportions</translation>
    </message>
    <message>
        <source>Decorations</source>
        <translation>Habillage</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Subtitle (year, scenario)</source>
        <translation>Sous-titre (année, scénario)</translation>
    </message>
    <message>
        <source>Sector legend</source>
        <translation>Légende des secteurs</translation>
    </message>
    <message>
        <source>Size legend</source>
        <translation>Légende des tailles</translation>
    </message>
    <message>
        <source>Scale bar</source>
        <translation>Barre d’échelle</translation>
    </message>
    <message>
        <source>North arrow</source>
        <translation>Flèche du nord</translation>
    </message>
    <message>
        <source>Credits (basemap, data)</source>
        <translation>Crédits (fond de carte, données)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>&amp;Copy to Clipboard</source>
        <translation>&amp;Copier dans le presse-papiers</translation>
    </message>
    <message>
        <source>Copy the map as an image (and SVG and PDF) to paste it into a slide</source>
        <translation>Copier la carte comme image (ainsi qu’en SVG et PDF) pour la coller dans une diapositive</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Slide 16:9 — {w} × {h} px</source>
        <translation>Diapositive 16:9 — {w} × {h} px</translation>
    </message>
    <message>
        <source>Slide 16:9, high resolution — {w} × {h} px</source>
        <translation>Diapositive 16:9, haute résolution — {w} × {h} px</translation>
    </message>
    <message>
        <source>Slide 4:3 — {w} × {h} px</source>
        <translation>Diapositive 4:3 — {w} × {h} px</translation>
    </message>
    <message>
        <source>A4 landscape, {dpi} dpi</source>
        <translation>A4 paysage, {dpi} ppp</translation>
    </message>
    <message>
        <source>A4 portrait, {dpi} dpi</source>
        <translation>A4 portrait, {dpi} ppp</translation>
    </message>
    <message>
        <source>A3 landscape, {dpi} dpi</source>
        <translation>A3 paysage, {dpi} ppp</translation>
    </message>
    <message>
        <source>A3 portrait, {dpi} dpi</source>
        <translation>A3 portrait, {dpi} ppp</translation>
    </message>
    <message>
        <source>Cannot export: {reason}.</source>
        <translation>Export impossible&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>No legend: the page is too small for a readable one. A larger page shows it.</source>
        <translation>Pas de légende&#xa0;: la page est trop petite pour une légende lisible. Une page plus grande l’affiche.</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG vector image (*.svg)</source>
        <translation>Image vectorielle SVG (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>Écriture de {name}…</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exporté dans {path}</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>Impossible d’écrire {path}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’export</translation>
    </message>
    <message>
        <source>The map could not be exported.</source>
        <translation>La carte n’a pas pu être exportée.</translation>
    </message>
    <message>
        <source>Copied to the clipboard: paste it into a slide or a document.</source>
        <translation>Copiée dans le presse-papiers&#xa0;: collez-la dans une diapositive ou un document.</translation>
    </message>
    <message>
        <source>Largest emitters of the year</source>
        <translation>Plus gros émetteurs de l&apos;année</translation>
    </message>
    <message>
        <source>All, where there is room</source>
        <translation>Tous, là où il y a la place</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Facility names on the map (communes are always named)</source>
        <translation>Noms des sites sur la carte (les communes sont toujours nommées)</translation>
    </message>
    <message>
        <source>Facility names:</source>
        <translation>Noms des sites&#xa0;:</translation>
    </message>
    <message>
        <source>Sources (publisher, dataset, licence)</source>
        <translation>Sources (éditeur, jeu de données, licence)</translation>
    </message>
    <message>
        <source>{w} × {h} pixels · {wmm} × {hmm} mm at {dpi} dpi</source>
        <translation>{w} × {h} pixels · {wmm} × {hmm} mm à {dpi} ppp</translation>
    </message>
</context>
<context>
    <name>TableChoiceDialog</name>
    <message>
        <source>Add Layer from Database</source>
        <translation>Ajouter une couche de la base de données</translation>
    </message>
    <message>
        <source>The tables you may read. A layer shows the features of the visible area, read again when you pan or zoom.</source>
        <translation>Les tables que vous pouvez lire. Une couche montre les objets de la zone visible, relus lorsque vous déplacez ou zoomez la carte.</translation>
    </message>
    <message>
        <source>This database has no geometry table that you may read.</source>
        <translation>Cette base de données n’a aucune table géométrique que vous puissiez lire.</translation>
    </message>
</context>
<context>
    <name>TileLoader</name>
    <message>
        <source>the server did not send an image</source>
        <extracomment>Side lengths of the square tiles accepted, in pixels. Image formats of web tiles; anything else (SVG, TIFF...) is not decoded.</extracomment>
        <translation>le serveur n’a pas envoyé d’image</translation>
    </message>
    <message>
        <source>the server sent an image of {width} × {height} pixels, not a map tile</source>
        <translation>le serveur a envoyé une image de {width} × {height} pixels, et non une tuile de carte</translation>
    </message>
    <message>
        <source>connection refused</source>
        <extracomment>Identifies dkgis to tile servers (OpenStreetMap&apos;s usage policy asks for it). At most this many tile requests in flight at once. A request that receives nothing for this long is dropped. A request not finished after this long is dropped, even if bytes keep coming... ...checked this often. Most bytes of an answer Qt holds before they are taken out and counted. Tiles kept decoded in memory... ...and their bytes (a 256-pixel tile takes 256 kB, a 512-pixel one 1 MB). This many failures in a row make the service &quot;unavailable&quot;. A tile that failed is not requested again before this many seconds. First pause before probing an unavailable service again; doubles up to the max.</extracomment>
        <translation>connexion refusée</translation>
    </message>
    <message>
        <source>server not found</source>
        <translation>serveur introuvable</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>pas de réponse dans le délai</translation>
    </message>
    <message>
        <source>connection closed by the server</source>
        <translation>connexion fermée par le serveur</translation>
    </message>
    <message>
        <source>secure connection failed</source>
        <translation>échec de la connexion sécurisée</translation>
    </message>
    <message>
        <source>network unreachable</source>
        <translation>réseau inaccessible</translation>
    </message>
    <message>
        <source>proxy refused the connection</source>
        <translation>le proxy a refusé la connexion</translation>
    </message>
    <message>
        <source>proxy not found</source>
        <translation>proxy introuvable</translation>
    </message>
    <message>
        <source>proxy did not answer</source>
        <translation>le proxy n’a pas répondu</translation>
    </message>
    <message>
        <source>proxy asks for a password</source>
        <translation>le proxy demande un mot de passe</translation>
    </message>
    <message>
        <source>the server sent more than {size} MB for one tile</source>
        <translation>le serveur a envoyé plus de {size} Mo pour une seule tuile</translation>
    </message>
    <message>
        <source>the server sent {type} instead of an image</source>
        <translation>le serveur a envoyé {type} au lieu d’une image</translation>
    </message>
    <message>
        <source>the tile did not arrive within {seconds} s</source>
        <extracomment>generation, z, x, y, image (null if none), origin (&quot;disk&quot;, &quot;miss&quot;, &quot;net&quot;, &quot;bad&quot;), and why the tile is bad (empty otherwise) Reasons for refused tiles already logged for this provider. Counters for tests and benchmarks.</extracomment>
        <translation>la tuile n’est pas arrivée en {seconds} s</translation>
    </message>
    <message>
        <source>the server answered HTTP {code}{phrase}</source>
        <translation>le serveur a répondu HTTP {code}{phrase}</translation>
    </message>
</context>
<context>
    <name>TrajectoryPanel</name>
    <message>
        <source>Steel complex</source>
        <extracomment>Compare modes (the same values as :mod:`dkgis.charts.compare_chart`, which is imported only when a compare view is first shown). Height given to the notes under the chart at first, in pixels (about three lines).</extracomment>
        <translation>Complexe sidérurgique</translation>
    </message>
    <message>
        <source>Steel complex: chart ArcelorMittal Dunkerque, ArcelorMittal Mardyck and the DK6 power plant together: the 2013 move of the steel-gas CO₂ from the steel plant to DK6 cancels out in their sum.</source>
        <translation>Complexe sidérurgique&#xa0;: représenter ensemble ArcelorMittal Dunkerque, ArcelorMittal Mardyck et la centrale DK6&#xa0;; le transfert en 2013 du CO₂ des gaz sidérurgiques de l’usine sidérurgique vers DK6 s’annule dans leur somme.</translation>
    </message>
    <message>
        <source>Overlaid lines</source>
        <translation>Courbes superposées</translation>
    </message>
    <message>
        <source>Small multiples</source>
        <translation>Petits multiples</translation>
    </message>
    <message>
        <source>Export Chart as PNG…</source>
        <translation>Exporter le graphique en PNG…</translation>
    </message>
    <message>
        <source>Export Chart as SVG…</source>
        <translation>Exporter le graphique en SVG…</translation>
    </message>
    <message>
        <source>Select a facility on the map to chart its emissions.</source>
        <translation>Sélectionnez un site sur la carte pour afficher le graphique de ses émissions.</translation>
    </message>
    <message>
        <source>{n} facilities compared</source>
        <translation>{n} sites comparés</translation>
    </message>
    <message>
        <source>Solid: EU ETS verified. Dashed: projected ({scenario}).</source>
        <translation>Trait plein&#xa0;: vérifiées (SEQE-UE). Tirets&#xa0;: projetées ({scenario}).</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>indisponible</translation>
    </message>
    <message>
        <source>{year}: change in where CO₂ is counted for {names}; “Steel complex” charts the sites concerned together.</source>
        <translation>{year}&#xa0;: changement du lieu de comptabilisation du CO₂ pour {names}&#xa0;; «&#xa0;Complexe sidérurgique&#xa0;» représente ensemble les sites concernés.</translation>
    </message>
    <message>
        <source>No verified emissions: {names}.</source>
        <translation>Aucune émission vérifiée&#xa0;: {names}.</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>Image SVG (*.svg)</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>Exporter le graphique</translation>
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
        <source>Export Chart as PDF…</source>
        <translation>Exporter le graphique en PDF…</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>no chart to export: select a facility first</source>
        <translation>aucun graphique à exporter&#xa0;: sélectionnez d&apos;abord un site</translation>
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
    <name>UserLayers</name>
    <message>
        <source>All supported files ({patterns})</source>
        <translation>Tous les fichiers pris en charge ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot add layer</source>
        <translation>Impossible d’ajouter la couche</translation>
    </message>
    <message>
        <source>The file {file} could not be added as a layer.</source>
        <translation>Le fichier {file} n’a pas pu être ajouté comme couche.</translation>
    </message>
    <message>
        <source>Layer Added with Warnings</source>
        <translation>Couche ajoutée avec des avertissements</translation>
    </message>
    <message>
        <source>The layer “{title}” was added from {file}, with warnings:</source>
        <translation>La couche «&#xa0;{title}&#xa0;» a été ajoutée depuis {file}, avec des avertissements&#xa0;:</translation>
    </message>
    <message>
        <source>Add Layer</source>
        <translation>Ajouter une couche</translation>
    </message>
    <message>
        <source>dkgis Dataset</source>
        <translation>Jeu de données dkgis</translation>
    </message>
    <message>
        <source>{file} is a dkgis dataset.</source>
        <translation>{file} est un jeu de données dkgis.</translation>
    </message>
    <message>
        <source>Open it as a dataset in a new window, or add some of its layers to this map?</source>
        <translation>L’ouvrir comme jeu de données dans une nouvelle fenêtre, ou ajouter certaines de ses couches à cette carte&#x202f;?</translation>
    </message>
    <message>
        <source>Open as Dataset</source>
        <translation>Ouvrir comme jeu de données</translation>
    </message>
    <message>
        <source>Add Layers…</source>
        <translation>Ajouter des couches…</translation>
    </message>
    <message>
        <source>The file has no coordinate system.</source>
        <translation>Le fichier n’a pas de système de coordonnées.</translation>
    </message>
    <message>
        <source>Loading of {file} cancelled; nothing was added.</source>
        <translation>Chargement de {file} annulé&#x202f;; rien n’a été ajouté.</translation>
    </message>
    <message>
        <source>Some of the file could not be read: see the warning.</source>
        <translation>Une partie du fichier n’a pas pu être lue&#xa0;: voir l’avertissement.</translation>
    </message>
    <message>
        <source>Layer “{title}” removed.</source>
        <translation>Couche «&#xa0;{title}&#xa0;» retirée.</translation>
    </message>
    <message>
        <source>Style…</source>
        <translation>Style…</translation>
    </message>
    <message>
        <source>Remove Layer</source>
        <translation>Retirer la couche</translation>
    </message>
</context>
<context>
    <name>YearSlider</name>
    <message>
        <source>Year of the CO₂ emissions shown on the map</source>
        <extracomment>Time between two years while playing, in milliseconds.</extracomment>
        <translation>Année des émissions de CO₂ affichées sur la carte</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Play the years one after another</source>
        <translation>Faire défiler les années une à une</translation>
    </message>
</context>
</TS>
