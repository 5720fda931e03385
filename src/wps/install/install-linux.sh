#!/bin/sh
# 自评表校验助手 · WPS 表格加载项 · Linux（含麒麟、统信 UOS）离线安装
# 用法：先完全退出 WPS，然后在本文件所在文件夹中运行  sh install-linux.sh
# 把加载项复制到 ~/.local/share/Kingsoft/wps/jsaddons/@NAME@_@VERSION@，
# 并在同一文件夹的 publish.xml 中登记（保留其他加载项的登记；原文件备份为 publish.xml.selfeval.bak）。
set -eu
NAME='@NAME@'
VERSION='@VERSION@'
DIR="${NAME}_${VERSION}"
HERE=$(cd "$(dirname "$0")" && pwd)
JSADDONS="${SELFEVAL_JSADDONS:-$HOME/.local/share/Kingsoft/wps/jsaddons}"
PUB="$JSADDONS/publish.xml"
ENTRY="<jsplugin name=\"$NAME\" type=\"et\" url=\"$DIR\" version=\"$VERSION\" enable=\"enable_dev\" install=\"null\" customDomain=\"\"/>"

if [ ! -f "$HERE/$DIR/ribbon.xml" ]; then
  echo "安装失败：找不到加载项文件夹 $HERE/$DIR（请先完整解压安装包）。" >&2
  exit 1
fi
mkdir -p "$JSADDONS"
# 旧版本的本加载项（文件夹名 selfeval_版本号）先删除，别的加载项不动。
for old in "$JSADDONS/${NAME}_"*; do
  if [ -d "$old" ]; then rm -rf "$old"; fi
done
cp -R "$HERE/$DIR" "$JSADDONS/$DIR"

if [ -f "$PUB" ] && grep -q '</jsplugins>' "$PUB"; then
  cp "$PUB" "$PUB.selfeval.bak"
  # 去掉本加载项以前的登记（离线或在线），再在 </jsplugins> 前加上这一条。
  sed -e "s#<jsplugin\(online\)\{0,1\}[^>]*name=\"$NAME\"[^>]*/>##g" "$PUB" \
    | awk -v e="$ENTRY" '{ if (!done && sub(/<\/jsplugins>/, "  " e "\n</jsplugins>")) done = 1; print }' > "$PUB.tmp"
  mv "$PUB.tmp" "$PUB"
else
  if [ -f "$PUB" ]; then cp "$PUB" "$PUB.selfeval.bak"; fi
  printf '%s\n%s\n  %s\n%s\n' '<?xml version="1.0" encoding="UTF-8"?>' '<jsplugins>' "$ENTRY" '</jsplugins>' > "$PUB"
fi
echo "已安装自评表校验助手 $VERSION 到 $JSADDONS/$DIR"
echo "请重新启动 WPS 表格，在功能区“自评表校验”选项卡中使用“一键校验”和“打开校验助手”。"
