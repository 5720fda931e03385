@echo off
rem selfeval (WPS add-in): uninstall for Windows. Quit WPS first, then double-click this file.
chcp 65001 >nul
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0uninstall-windows.ps1"
pause
