"""Reads the test report and its seal inside the sandbox, safely, and prints them as JSON.

Run as `python -I -c <this source> LIMIT PATH...` after the hidden tests, as its own command:
nothing the answer left behind is trusted. The answer's code ran in the work directory and may
have replaced a report with a FIFO (a plain `open()` would block forever), a symlink to
`/dev/zero` (endless), a huge file, or bytes that are not UTF-8. So each file is opened with
`O_NOFOLLOW | O_NONBLOCK`, must be a regular file no larger than LIMIT bytes, and must decode as
UTF-8; otherwise its entry names the problem. The source is passed with `-c`, never as a file
in the work directory, which the answer could have rewritten. Stdlib only; output is ASCII.
"""

import json
import os
import stat
import sys


def read_result(path: str, limit: int) -> dict[str, str]:
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return {"problem": "missing"}
    except OSError as error:
        return {"problem": f"cannot be opened ({error.strerror}; a symlink is refused)"}
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            return {"problem": "is not a regular file"}
        if info.st_size > limit:
            return {"problem": f"is {info.st_size} bytes, over the {limit}-byte limit"}
        data = os.read(handle, limit + 1)
    finally:
        os.close(handle)
    try:
        return {"text": data.decode("utf-8")}
    except UnicodeDecodeError as error:
        return {"problem": f"is not valid UTF-8 ({error.reason} at byte {error.start})"}


def main() -> None:
    limit = int(sys.argv[1])
    results = {path: read_result(path, limit) for path in sys.argv[2:]}
    sys.stdout.write(json.dumps(results, ensure_ascii=True))


if __name__ == "__main__":
    main()
