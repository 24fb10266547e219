# Set up everything, then run Interview Coach (the desktop app).
#   powershell -ExecutionPolicy Bypass -File scripts\app.ps1 [arguments for interview-app]
# With arguments, runs that command instead, e.g. scripts\app.ps1 demo
. (Join-Path $PSScriptRoot "setup.ps1")
$arguments = @(if ($args.Count -gt 0) { $args } else { "gui" })
& $AppExe @arguments
exit $LASTEXITCODE
