"""Screenshot of the HTML review page, as in README.md (docs/*.png).

    python scripts/review_screenshot.py docs/review-batch.png --size 1200x1250 -- ../shared/corpus/*.txt
    python scripts/review_screenshot.py docs/review-report.png --size 1200x1900 -- \\
        examples/next_year_report.txt --previous ../shared/corpus/000_8b1a2ce855df5433.txt

Everything after ``--`` is passed to ``checker lint --format html``.  The page
is rendered by headless Chromium (Debian package ``chromium``) and the PNG is
reduced to 256 colours with Pillow to keep it small.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", help="the PNG to write")
    ap.add_argument("--size", default="1200x1250", help="window size WIDTHxHEIGHT (default 1200x1250)")
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = ap.parse_args(argv[:cut])
    lint_args = argv[cut + 1 :]
    browser = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if browser is None:
        print("Chromium not found (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    width, height = (int(v) for v in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="checker-shot-") as tmp:
        page = Path(tmp) / "review.html"
        subprocess.run([sys.executable, "-m", "checker", "lint", "--format", "html", "-o", str(page), *lint_args], check=False)
        if not page.exists():
            print("checker produced no page", file=sys.stderr)
            return 2
        raw = Path(tmp) / "raw.png"
        profile = Path(tmp) / "profile"
        subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}", f"--screenshot={raw}", page.as_uri()],
            check=True,
            capture_output=True,
            env={**os.environ, "HOME": str(profile)},
        )
        from PIL import Image

        with Image.open(raw) as img:
            img.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(args.output, optimize=True)
    print(f"{args.output}: {Path(args.output).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
