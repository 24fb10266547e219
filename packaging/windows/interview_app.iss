; Inno Setup script for Interview Coach (Windows 10/11, x64).
; Build the frozen app first (packaging\build.ps1 does both steps), then:
;   ISCC /DAppVersion=0.1.0 packaging\windows\interview_app.iss
; The version comes from src\interview_app\__init__.py: build.ps1 reads it from there and passes
; /DAppVersion; without it, the version stamped into InterviewCoach.exe (from the same line, by
; packaging\interview_app.spec) is used. There is no other copy of the number.

#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\..\dist\InterviewCoach"
#endif
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(DistDir + "\InterviewCoach.exe")
#endif
#if AppVersion == ""
  #error The version is unknown: build the app first or pass /DAppVersion=x.y.z
#endif

[Setup]
AppId={{8E3C5A2B-6F0D-4D1E-9B7A-2C4F5E6A7B80}
AppName=Interview Coach
AppVersion={#AppVersion}
AppVerName=Interview Coach {#AppVersion}
AppPublisher=Interview Coach
DefaultDirName={autopf}\Interview Coach
DefaultGroupName=Interview Coach
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=InterviewCoach-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Individuals install for themselves without admin rights; a café installs for all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
MinVersion=10.0
WizardStyle=modern
UninstallDisplayIcon={app}\InterviewCoach.exe
UninstallDisplayName=Interview Coach

[Languages]
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
korean.PreparingModel=음성 인식 모델을 준비하는 중입니다...
english.PreparingModel=Preparing the speech model...

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Interview Coach"; Filename: "{app}\InterviewCoach.exe"
Name: "{group}\{cm:UninstallProgram,Interview Coach}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Interview Coach"; Filename: "{app}\InterviewCoach.exe"; Tasks: desktopicon

[Run]
; Join the bundled speech model into the person's cache once, so the first practice starts at once.
Filename: "{app}\interview-app.exe"; Parameters: "model prepare --quiet"; StatusMsg: "{cm:PreparingModel}"; \
  Flags: runhidden runasoriginaluser
Filename: "{app}\InterviewCoach.exe"; Description: "{cm:LaunchProgram,Interview Coach}"; \
  Flags: nowait postinstall skipifsilent runasoriginaluser

; Recordings, history and settings live in the person's own data folder
; (%LOCALAPPDATA%\InterviewCoach) and are not removed on uninstall; kiosk mode wipes them per session.
