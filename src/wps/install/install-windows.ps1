# 自评表校验助手 · WPS 表格加载项 · Windows 离线安装（由 install-windows.cmd 调用）
# 把加载项复制到 %APPDATA%\kingsoft\wps\jsaddons\@NAME@_@VERSION@，并在同一文件夹的 publish.xml 中登记
# （保留其他加载项的登记；原文件备份为 publish.xml.selfeval.bak）。
$ErrorActionPreference = 'Stop'
$Name = '@NAME@'
$Version = '@VERSION@'
$Dir = "${Name}_${Version}"
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$JsAddons = if ($env:SELFEVAL_JSADDONS) { $env:SELFEVAL_JSADDONS } else { Join-Path $env:APPDATA 'kingsoft\wps\jsaddons' }
$Pub = Join-Path $JsAddons 'publish.xml'
if (-not (Test-Path (Join-Path $Here "$Dir\ribbon.xml"))) { throw "找不到加载项文件夹 $Here\$Dir（请先完整解压安装包）。" }
New-Item -ItemType Directory -Force -Path $JsAddons | Out-Null
Get-ChildItem -Path $JsAddons -Directory -Filter "${Name}_*" | Remove-Item -Recurse -Force
Copy-Item -Recurse -Force (Join-Path $Here $Dir) (Join-Path $JsAddons $Dir)
$doc = New-Object System.Xml.XmlDocument
if (Test-Path $Pub) {
  Copy-Item -Force $Pub "$Pub.selfeval.bak"
  try { $doc.Load($Pub) } catch { $doc = New-Object System.Xml.XmlDocument }
}
if (-not $doc.DocumentElement -or $doc.DocumentElement.Name -ne 'jsplugins') {
  $doc = New-Object System.Xml.XmlDocument
  $doc.AppendChild($doc.CreateXmlDeclaration('1.0', 'UTF-8', $null)) | Out-Null
  $doc.AppendChild($doc.CreateElement('jsplugins')) | Out-Null
}
$root = $doc.DocumentElement
foreach ($n in @($root.SelectNodes("jsplugin[@name='$Name'] | jspluginonline[@name='$Name']"))) { $root.RemoveChild($n) | Out-Null }
$e = $doc.CreateElement('jsplugin')
foreach ($p in @(@('name', $Name), @('type', 'et'), @('url', $Dir), @('version', $Version), @('enable', 'enable_dev'), @('install', 'null'), @('customDomain', ''))) { $e.SetAttribute($p[0], $p[1]) }
$root.AppendChild($e) | Out-Null
$doc.Save($Pub)
Write-Host "已安装自评表校验助手 $Version 到 $JsAddons\$Dir"
Write-Host '请重新启动 WPS 表格，在功能区“自评表校验”选项卡中使用“一键校验”和“打开校验助手”。'
