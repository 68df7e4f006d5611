#!/usr/bin/env python3
"""A tiny HMP client: hmp.py SOCKET OUTDIR NAME=COMMAND...  writes each
command's output to OUTDIR/NAME (echo and prompt stripped); a bare
`stop`/`cont`/`quit` has no file.  Waits up to 10 s for the socket."""
import os, socket, sys, time

def main():
    path, outdir = sys.argv[1], sys.argv[2]
    deadline = time.time() + 10
    while True:
        try:
            s = socket.socket(socket.AF_UNIX); s.connect(path); break
        except OSError:
            if time.time() > deadline: sys.exit('hmp.py: cannot connect to ' + path)
            time.sleep(0.05)
    s.settimeout(30)
    def until_prompt():
        buf = b''
        while not buf.endswith(b'(qemu) '):
            d = s.recv(65536)
            if not d: break
            buf += d
        return buf
    until_prompt()
    for arg in sys.argv[3:]:
        if arg.startswith('sleep='):
            time.sleep(float(arg[6:])); continue
        name, _, cmd = arg.rpartition('=')
        s.sendall(cmd.encode() + b'\n')
        if cmd == 'quit':
            try:
                while s.recv(65536): pass   # QEMU closes the socket as it exits
            except OSError: pass
            break
        out = until_prompt().decode('utf-8', 'replace').replace('\r', '')
        out = out.split('\n', 1)[1] if '\n' in out else ''   # the echoed command line
        out = out[:-len('(qemu) ')] if out.endswith('(qemu) ') else out
        if name:
            with open(os.path.join(outdir, name), 'w') as f:
                f.write(out)

main()
