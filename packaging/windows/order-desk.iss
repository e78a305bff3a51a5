; Inno Setup script for the Windows installer of Order Desk.
; Built by .github/workflows/release.yml after `python packaging/build.py`:
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\order-desk /DOutputDir=..\..\dist packaging\windows\order-desk.iss
; The operator's journal and settings live in %LOCALAPPDATA%\order-desk (the user data folder),
; never under {app}, so upgrading or uninstalling leaves them in place.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\order-desk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; A fixed AppId makes a newer installer upgrade the installed copy in place.
AppId={{6B1F3C2E-5A4D-4E8B-9C7A-2D0F1E3B4A59}
AppName=Order Desk
AppVersion={#AppVersion}
AppVerName=Order Desk {#AppVersion}
AppPublisher=Order Desk
DefaultDirName={autopf}\Order Desk
DefaultGroupName=Order Desk
DisableProgramGroupPage=yes
PrivilegesRequiredOverridesAllowed=dialog
OutputDir={#OutputDir}
OutputBaseFilename=order-desk-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\order-desk.ico
UninstallDisplayIcon={app}\order-desk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle; stale files of an older version are removed first.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Order Desk"; Filename: "{app}\order-desk.exe"
Name: "{autodesktop}\Order Desk"; Filename: "{app}\order-desk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\order-desk.exe"; Description: "{cm:LaunchProgram,Order Desk}"; Flags: nowait postinstall skipifsilent
