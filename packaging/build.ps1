# Build the frozen app and the Windows installer.
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1
# 1. a build environment (build\venv) with `pip install .[package]`;
# 2. PyInstaller: dist\InterviewCoach\ (InterviewCoach.exe windowed, interview-app.exe console);
# 3. Inno Setup (ISCC.exe on PATH or in its default folder): dist\InterviewCoach-<version>-setup.exe.
# The version is read from src\interview_app\__init__.py, its only home.
$ErrorActionPreference = "Stop"
$Repo = Split-Path -Parent $PSScriptRoot
$Venv = if ($env:IC_BUILD_VENV) { $env:IC_BUILD_VENV } else { Join-Path $Repo "build\venv" }
$Python = Join-Path $Venv "Scripts\python.exe"

function Invoke-Checked {
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "build: '$Exe $($Arguments -join ' ')' failed (exit $LASTEXITCODE)" }
}

$init = Get-Content (Join-Path $Repo "src\interview_app\__init__.py") -Raw
if ($init -notmatch '(?m)^__version__ = "([^"]+)"') { throw "build: no __version__ in src\interview_app\__init__.py" }
$Version = $Matches[1]

if (-not (Test-Path $Python)) {
    if (Get-Command py -ErrorAction SilentlyContinue) { Invoke-Checked "py" @("-3", "-m", "venv", $Venv) }
    else { Invoke-Checked "python" @("-m", "venv", $Venv) }
}
Invoke-Checked $Python @("-m", "pip", "install", "-q", "--upgrade", "pip")
Invoke-Checked $Python @("-m", "pip", "install", "-q", "$Repo[package]")
Invoke-Checked $Python @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", (Join-Path $Repo "dist"), "--workpath", (Join-Path $Repo "build\pyinstaller"),
    (Join-Path $Repo "packaging\interview_app.spec"))

$iscc = Get-Command ISCC.exe -ErrorAction SilentlyContinue
$isccPath = if ($iscc) { $iscc.Source } else { "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (Test-Path $isccPath) {
    Invoke-Checked $isccPath @("/DAppVersion=$Version", (Join-Path $Repo "packaging\windows\interview_app.iss"))
    Write-Host "build: installer written to dist\InterviewCoach-$Version-setup.exe"
} else {
    Write-Warning "build: Inno Setup 6 not found; the frozen app is in dist\InterviewCoach (winget install JRSoftware.InnoSetup)"
}
