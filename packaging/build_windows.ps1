# Build the dkgis application folder dist\dkgis\ and its installer on Windows.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1 [-NoInstaller]
#
# Uses the Python found as "python" (or $env:PYTHON), 64-bit, with dkgis's dependencies;
# installs PyInstaller (packaging\requirements.txt) and dkgis when they are missing. Then
# freezes packaging\dkgis.spec (dist\dkgis\dkgis.exe, windowed, and dkgis-cli.exe for the
# command line), checks the result, and compiles packaging\dkgis.iss with Inno Setup 6
# (https://jrsoftware.org/isinfo.php) into dist\installer\dkgis-<version>-setup.exe.
param([switch]$NoInstaller)

$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
$Python = if ($env:PYTHON) { $env:PYTHON } else { "python" }

# Native programs do not stop the script on failure: check each exit code. (Windows
# PowerShell 5.1 would turn their messages on standard error into errors under "Stop".)
function Invoke-Checked([string]$Program, [string[]]$Arguments) {
    $ErrorActionPreference = "Continue"
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "build: '$Program $Arguments' failed (exit code $LASTEXITCODE)" }
}

function Test-Python([string]$Code) {
    $ErrorActionPreference = "Continue"
    & $Python -c $Code 2>$null | Out-Null
    return $LASTEXITCODE -eq 0
}

if (-not (Test-Python "import PyInstaller")) {
    Write-Host "build: installing PyInstaller"
    Invoke-Checked $Python @("-m", "pip", "install", "-q", "-r", "packaging\requirements.txt")
}
if (-not (Test-Python "import dkgis.cli, PySide6, folium, js_lib_leaflet")) {
    Write-Host "build: installing dkgis and its dependencies"
    Invoke-Checked $Python @("-m", "pip", "install", "-q", ".")
}

$Version = (& $Python -c "import dkgis; print(dkgis.__version__)").Trim()
$Watch = [System.Diagnostics.Stopwatch]::StartNew()
Invoke-Checked $Python @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
    "--distpath", "dist", "--workpath", "build\pyinstaller", "packaging\dkgis.spec")
$Watch.Stop()
$Bytes = (Get-ChildItem -Recurse -File dist\dkgis | Measure-Object -Property Length -Sum).Sum
Write-Host ("build: dist\dkgis\ (dkgis {0}) built in {1:N0} s, {2:N0} MB" -f `
    $Version, $Watch.Elapsed.TotalSeconds, ($Bytes / 1MB))

# The console executable answers on the command line; the windowed one has no console.
$Printed = (& dist\dkgis\dkgis-cli.exe --version | Out-String).Trim()
if ($Printed -ne "dkgis $Version") { throw "build: dkgis-cli.exe --version printed '$Printed'" }

if ($NoInstaller) { exit 0 }
$Iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) {
    $Iscc = @(
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
    ) | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc) {
    throw "build: Inno Setup 6 (ISCC.exe) not found: install it, or run with -NoInstaller"
}
Invoke-Checked $Iscc @("/Q", "packaging\dkgis.iss")
Write-Host "build: dist\installer\dkgis-$Version-setup.exe"
