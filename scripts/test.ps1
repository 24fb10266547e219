# Set up everything, then run the whole test suite (real model, real Qt, real browser).
#   powershell -ExecutionPolicy Bypass -File scripts\test.ps1 [pytest arguments]
# Test speech needs espeak-ng and sox on PATH; the report checks need Chrome or Chromium.
# Keep this script's arguments before dot-sourcing setup.ps1 (which runs in this scope).
$pytestArguments = @($args)
. (Join-Path $PSScriptRoot "setup.ps1")
foreach ($tool in "espeak-ng", "sox") {
    if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) {
        Write-Warning "test: $tool is not on PATH; the tests that make speech will fail (see README, 'Windows and macOS')"
    }
}
Push-Location $Repo
try {
    & $VenvPython -m pytest @pytestArguments
    $status = $LASTEXITCODE
} finally {
    Pop-Location
}
# pytest exit codes: 0 all passed, 1 tests failed, 2 interrupted, 3 internal error,
# 4 usage error, 5 no tests collected. Only 0 is a pass; 5 means the suite ran nothing.
if ($status -eq 5) { Write-Error "test: pytest collected no tests; that is a failure" -ErrorAction Continue }
exit $status
