#!/bin/sh
# 自评表校验助手 · WPS 表格加载项 · Linux 卸载：删除加载项文件夹和 publish.xml 中本加载项的登记，其他加载项不动。
# 用法：先退出 WPS，然后运行  sh uninstall-linux.sh
set -eu
NAME='@NAME@'
JSADDONS="${SELFEVAL_JSADDONS:-$HOME/.local/share/Kingsoft/wps/jsaddons}"
PUB="$JSADDONS/publish.xml"
removed=0
for old in "$JSADDONS/${NAME}_"*; do
  if [ -d "$old" ]; then rm -rf "$old"; removed=1; fi
done
if [ -f "$PUB" ] && grep -q "name=\"$NAME\"" "$PUB"; then
  cp "$PUB" "$PUB.selfeval.bak"
  sed -e "s#<jsplugin\(online\)\{0,1\}[^>]*name=\"$NAME\"[^>]*/>##g" "$PUB" | grep -v '^[[:space:]]*$' > "$PUB.tmp" || true
  mv "$PUB.tmp" "$PUB"
  removed=1
fi
if [ "$removed" = 1 ]; then
  echo "已卸载自评表校验助手。请重新启动 WPS 表格。"
else
  echo "没有找到已安装的自评表校验助手（$JSADDONS）。"
fi
