# 自评表校验助手 · WPS 表格加载项 · Windows 卸载（由 uninstall-windows.cmd 调用）：删除加载项文件夹和 publish.xml 中的登记，其他加载项不动。
$ErrorActionPreference = 'Stop'
$Name = '@NAME@'
$JsAddons = if ($env:SELFEVAL_JSADDONS) { $env:SELFEVAL_JSADDONS } else { Join-Path $env:APPDATA 'kingsoft\wps\jsaddons' }
$Pub = Join-Path $JsAddons 'publish.xml'
if (Test-Path $JsAddons) { Get-ChildItem -Path $JsAddons -Directory -Filter "${Name}_*" | Remove-Item -Recurse -Force }
if (Test-Path $Pub) {
  Copy-Item -Force $Pub "$Pub.selfeval.bak"
  $doc = New-Object System.Xml.XmlDocument
  $doc.Load($Pub)
  foreach ($n in @($doc.DocumentElement.SelectNodes("jsplugin[@name='$Name'] | jspluginonline[@name='$Name']"))) { $doc.DocumentElement.RemoveChild($n) | Out-Null }
  $doc.Save($Pub)
}
Write-Host '已卸载自评表校验助手。请重新启动 WPS 表格。'
