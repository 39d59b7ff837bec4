"""Make the scanned and photographed versions of corpus notices, reproducibly (same bytes every run).

    python scripts/make_scanned_corpus.py        # writes corpus/scans/044_…_scan.pdf … and the photos

Each version is its source's pages rendered to images at 150–200 dpi and spoilt the way a scan or
a phone photo spoils them (a slight rotation, blur, JPEG artefacts, a red seal stamped over the
text, perspective), then saved as an image-only PDF or a single image. Sources that are text files
are first set as a PDF with the same layout as scripts/make_format_corpus.py (the TrueType font,
so that the renderer needs no system font). Needs reportlab, pypdfium2, Pillow and Debian's
fonts-wqy-microhei. tests/test_ocr.py compares each version with its source.
"""

from __future__ import annotations

import importlib.util
import io
import math
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SCANNED = CORPUS / "scans"
TRUETYPE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# version file → (source file, dpi, how it is spoilt)
SCANS = {
    "044_luoyang_scan_seal.pdf": ("023_luoyang_truetype.pdf", 200, {"rotate": 0.4, "seal": "洛阳市人民政府办公室"}),
    "045_nanyang_table_scan.pdf": ("022_nanyang_table_two_pages.pdf", 170, {"rotate": -0.3, "jpeg": 70}),
    "046_xinxiang_scan_blur.pdf": ("003_xinxiang_county_inline.txt", 150, {"blur": 0.8, "jpeg": 55}),
    "047_zhumadian_scan_rotated.pdf": ("014_zhumadian_chinese_numerals.txt", 170, {"rotate": 1.0}),
    "048_luohe_scan_seal.pdf": ("030_luohe_field_lines.txt", 180, {"seal": "漯河市人民政府", "jpeg": 75}),
    "049_wuzhong_scan_speckled.pdf": ("020_wuzhong_marker_sentences.txt", 160, {"speckle": 0.002, "blur": 0.5}),
}
PHOTOS = {
    "050_hengshui_photo.jpg": ("042_hengshui_fields_people.txt", 180, {"perspective": 0.04, "jpeg": 80}),
    "051_luohe_photo.png": ("030_luohe_field_lines.txt", 170, {"perspective": 0.03, "shade": True}),
}


def _format_corpus():
    spec = importlib.util.spec_from_file_location("make_format_corpus", ROOT / "scripts" / "make_format_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def source_pdf(source: str) -> bytes:
    """The source's PDF: the corpus file itself, or a text notice set as one."""
    if source.endswith(".pdf"):
        return (CORPUS / source).read_bytes()
    formats = _format_corpus()
    target = Path("/tmp") / f"notice-extract-{source}.pdf"
    lines = [line.replace("\t", " ") for line in formats.paragraphs(source)]
    formats._pdf(target, lines, formats._truetype_font())
    data = target.read_bytes()
    target.unlink()
    return data


def rendered_pages(data: bytes, dpi: int) -> list[Image.Image]:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    pages = [document[number].render(scale=dpi / 72).to_pil().convert("RGB") for number in range(len(document))]
    document.close()
    return pages


def spoilt(page: Image.Image, how: dict, seed: int) -> Image.Image:
    generator = random.Random(seed)
    if "seal" in how:
        page = _stamped(page, how["seal"], generator, how.get("seal_at"))
    if "speckle" in how:
        page = _speckled(page, how["speckle"], generator)
    if "blur" in how:
        page = page.filter(ImageFilter.GaussianBlur(how["blur"]))
    if "rotate" in how:
        page = page.rotate(how["rotate"], resample=Image.BICUBIC, expand=False, fillcolor=(250, 250, 248))
    if "perspective" in how:
        page = _photographed(page, how["perspective"], how.get("shade", False))
    if "jpeg" in how:
        buffer = io.BytesIO()
        page.save(buffer, "JPEG", quality=how["jpeg"])
        page = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    return page


def _stamped(page: Image.Image, name: str, generator: random.Random,
             centre: tuple[float, float] | None = None) -> Image.Image:
    """A round red seal with the issuer's name and a star, over the lower text of the page, or
    with its centre at `centre` (shares of the page's width and height: over a table's header)."""
    width, height = page.size
    radius = int(width * 0.11)
    seal = Image.new("RGBA", (2 * radius + 4, 2 * radius + 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(seal)
    red = (215, 30, 35, 210)
    draw.ellipse((2, 2, 2 * radius, 2 * radius), outline=red, width=max(4, radius // 14))
    font = ImageFont.truetype(str(TRUETYPE), max(12, radius // 4))
    for index, character in enumerate(name):  # the name round the upper arc
        angle = math.pi * (1.1 + 0.8 * index / max(1, len(name) - 1))
        x = radius + 0.72 * radius * math.cos(angle)
        y = radius + 0.72 * radius * math.sin(angle)
        draw.text((x, y), character, font=font, fill=red, anchor="mm")
    star = [(radius + 0.28 * radius * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
             radius - 0.28 * radius * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    draw.polygon(star, fill=red)
    if centre is None:
        x = int(width * generator.uniform(0.5, 0.6))
        y = int(height * generator.uniform(0.55, 0.7))
    else:
        x, y = int(width * centre[0]) - radius, int(height * centre[1]) - radius
    stamped = page.convert("RGBA")
    layer = Image.new("RGBA", page.size, (0, 0, 0, 0))
    layer.paste(seal, (x, y), seal)
    # ink over ink: a multiply keeps the black text black under the seal
    tinted = Image.alpha_composite(Image.new("RGBA", page.size, (255, 255, 255, 255)), layer)
    return ImageChops.multiply(stamped, tinted).convert("RGB")


def _speckled(page: Image.Image, share: float, generator: random.Random) -> Image.Image:
    page = page.copy()
    draw = ImageDraw.Draw(page)
    width, height = page.size
    for _ in range(int(width * height * share / 20)):
        x, y = generator.randrange(width), generator.randrange(height)
        draw.point((x, y), fill=(90, 90, 90))
    return page


def _photographed(page: Image.Image, skew: float, shade: bool) -> Image.Image:
    """The page on a desk seen slightly from one side: a perspective, a grey margin, uneven light."""
    width, height = page.size
    margin = int(width * 0.06)
    canvas = Image.new("RGB", (width + 2 * margin, height + 2 * margin), (128, 124, 118))
    canvas.paste(page, (margin, margin))
    w, h = canvas.size
    d = skew * w
    # corners of the source quadrilateral for each corner of the output
    coefficients = _perspective_coefficients(
        [(0, 0), (w, 0), (w, h), (0, h)],
        [(d, d * 0.5), (w - d * 0.3, 0), (w, h), (d * 0.6, h - d * 0.4)])
    photo = canvas.transform((w, h), Image.PERSPECTIVE, coefficients, Image.BICUBIC, fillcolor=(120, 116, 110))
    if shade:  # light falling off towards one side
        light = Image.linear_gradient("L").rotate(90).resize((w, h)).point(lambda value: 205 + value * 50 // 255)
        photo = Image.merge("RGB", [ImageChops.multiply(channel, light) for channel in photo.split()])
    return photo


def _perspective_coefficients(output, source):
    import numpy

    matrix, vector = [], []
    for (x, y), (u, v) in zip(output, source):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        vector.extend([u, v])
    return numpy.linalg.solve(numpy.array(matrix, dtype=float), numpy.array(vector, dtype=float)).tolist()


def save_pdf(target: Path, pages: list[Image.Image], dpi: int) -> None:
    """An image-only PDF (JPEG pages), with no date in it."""
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=dpi,
                  creationDate=None, modDate=None, title="", author="", producer="", creator="")
    target.write_bytes(buffer.getvalue())


def main() -> None:
    for number, (name, (source, dpi, how)) in enumerate(sorted(SCANS.items())):
        pages = [spoilt(page, how, seed=number * 100 + index)
                 for index, page in enumerate(rendered_pages(source_pdf(source), dpi))]
        save_pdf(SCANNED / name, pages, dpi)
        print(f"{name}: {len(pages)} pages from {source}")
    for number, (name, (source, dpi, how)) in enumerate(sorted(PHOTOS.items())):
        page = spoilt(rendered_pages(source_pdf(source), dpi)[0], how, seed=1000 + number)
        if name.endswith(".jpg"):
            page.save(SCANNED / name, "JPEG", quality=how.get("jpeg", 85))
        else:
            page.save(SCANNED / name, "PNG", optimize=True)
        print(f"{name}: a photo of page 1 of {source}")


if __name__ == "__main__":
    main()
