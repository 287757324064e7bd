; Inno Setup 6 script of the dkgis installer for Windows (Inno Setup 6.3 or later).
; Saved as UTF-8 with a byte-order mark, which Inno Setup needs to read the accents.
;
; Build the application folder first, then the installer; packaging\build_windows.ps1 does
; both. By hand, from the repository root:
;     iscc packaging\dkgis.iss
; The result is dist\installer\dkgis-<version>-setup.exe.
;
; The version is the one of the package: packaging\dkgis.spec writes dkgis.__version__ into
; the version resource of dist\dkgis\dkgis.exe, read back here.
;
; By default the installer needs no administrator rights: it installs for the current user
; in %LOCALAPPDATA%\Programs\dkgis, with a Start menu entry. Run by an administrator, it
; offers to install for all users (Program Files) instead; "/ALLUSERS" on the command
; line does so silently.

#define AppName "dkgis"
#define AppExe "dkgis.exe"
#define BuildDir AddBackslash(SourcePath) + "..\dist\dkgis"

#if !FileExists(BuildDir + "\" + AppExe)
  #error dist\dkgis\dkgis.exe is missing: build the application folder first (packaging\build_windows.ps1)
#endif
#define AppVersion GetStringFileInfo(BuildDir + "\" + AppExe, "ProductVersion")
#define AppNumericVersion GetVersionNumbersString(BuildDir + "\" + AppExe)
#if AppVersion == ""
  #error dist\dkgis\dkgis.exe has no ProductVersion: was it built with packaging\dkgis.spec?
#endif

[Setup]
; The AppId identifies dkgis for upgrades and uninstall: never change it.
AppId={{C96D0343-B366-4FAD-AFE8-5D156CDE3853}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=dkgis
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductVersion={#AppNumericVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename=dkgis-{#AppVersion}-setup
SetupIconFile=icons\dkgis.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running dkgis is closed (after asking) before its files are replaced.
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
fr.AppComment=Explorer la décarbonation de la zone industrialo-portuaire de Dunkerque
en.AppComment=Explore the decarbonization of the Dunkerque industrial-port cluster

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the libraries folder whole: no file of the previous version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
