#!/usr/bin/env bash
# Make sure Hunspell and Debian's dictionaries for the spelling check are there (tests/editorial/): nb_NO from
# hunspell-no, en_GB from hunspell-en-gb. Install them through apt when we are root, otherwise stop and say how.
set -euo pipefail
DICTS=/usr/share/hunspell
if command -v hunspell >/dev/null && [ -f "$DICTS/nb_NO.dic" ] && [ -f "$DICTS/en_GB.dic" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Hunspell or its dictionaries are missing: installing hunspell, hunspell-no and hunspell-en-gb..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hunspell hunspell-no hunspell-en-gb >/dev/null
  exit 0
fi
echo "The spelling check needs Hunspell with the nb_NO and en_GB dictionaries." >&2
echo "Install them with:  sudo apt-get install hunspell hunspell-no hunspell-en-gb" >&2
exit 1
