# Set up everything, then run Interview Coach (the desktop app).
#   powershell -ExecutionPolicy Bypass -File scripts\app.ps1 [arguments for interview-app]
# With arguments, runs that command instead, e.g. scripts\app.ps1 demo
# Keep this script's arguments before dot-sourcing setup.ps1 (which runs in this scope).
$arguments = @(if ($args.Count -gt 0) { $args } else { "gui" })
. (Join-Path $PSScriptRoot "setup.ps1")
& $AppExe @arguments
exit $LASTEXITCODE
