#!/usr/bin/env python3
# test-flatpak.py — the Flatpak manifest: valid JSON, our app id, a command
# that the build installs, meson options that exist, its finish-args each
# given a reason.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import subprocess
import sys

root = os.environ['SOURCE_ROOT']
build = os.environ['BUILD_ROOT']
results = []


def check(name, ok, detail=''):
    results.append((name, ok, detail))


path = os.path.join(root, 'flatpak', 'io.github.valueloop.Valueloop.json')
try:
    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)
    check('the manifest is valid JSON', True)
except (OSError, ValueError) as e:
    print('1..1')
    print('not ok 1 - the manifest is valid JSON\n# %s' % e)
    sys.exit(0)

app_id = manifest.get('id') or manifest.get('app-id')
check('its id is the application id', app_id == 'io.github.valueloop.Valueloop', str(app_id))
targets = json.loads(subprocess.run(['meson', 'introspect', '--targets', build], capture_output=True,
                                    text=True, check=True).stdout)
installed = {t['name'] for t in targets if t['type'] == 'executable' and t.get('installed')}
check('its command is the application, an installed program',
      manifest.get('command') == 'valueloop' and manifest.get('command') in installed,
      '%s; installed: %s' % (manifest.get('command'), sorted(installed)))
options = {o['name'] for o in json.loads(subprocess.run(['meson', 'introspect', '--buildoptions', build],
                                                        capture_output=True, text=True, check=True).stdout)}
module = next(m for m in manifest['modules'] if m.get('name') == 'valueloop')
given = [o[2:].split('=')[0] for o in module.get('config-opts', []) if o.startswith('-D')]
unknown = [o for o in given if o not in options]
check('its meson options exist', not unknown, 'unknown: %s' % unknown)
check('it builds the sources here with meson', module.get('buildsystem') == 'meson' and
      any(s.get('type') == 'dir' and s.get('path') == '..' for s in module.get('sources', [])))
reasons = ' '.join(manifest.get('//finish-args', []))
unexplained = [a for a in manifest.get('finish-args', [])
               if a[2:].split('=')[-1].split('-')[-1] not in reasons and a[2:] not in reasons]
check('every finish-arg has its reason', manifest.get('finish-args') and not unexplained,
      'without a reason: %s' % unexplained)
check('no network access', '--share=network' not in manifest.get('finish-args', []))

print('1..%d' % len(results))
for i, (name, ok, detail) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and detail:
        print('# ' + detail)
