"""Draw the application icon: resources/icon.png (256 px) and resources/icon.ico (16–256 px).

    python resources/build_icon.py

A warehouse in JD red on a white tile: a wide roof over an open doorway with one carton in it. Each
size is drawn on its own rather than scaled down from 256 px; the main edges fall on a 16-unit
grid of the 256-unit drawing, so at 16 px they land on whole pixels and stay sharp. Below 32 px
the carton loses its tape line, which would only smear.

Qt's ICO writer stores one image per file, so the ICO container (a 6-byte header, one 16-byte
entry per image, then the images) is written here; every image is a PNG, which Windows reads
in icons since Vista. Run it again after changing the drawing and commit both outputs.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF

HERE = Path(__file__).parent
PNG_FILE = HERE / "icon.png"
ICO_FILE = HERE / "icon.ico"
ICO_SIZES = (16, 24, 32, 48, 64, 256)

JD_RED = QColor("#E1251B")
WHITE = QColor("#FFFFFF")
EDGE = QColor("#C8C8C8")  # keeps the white tile visible on a white taskbar or desktop


def draw(painter: QPainter, size: int) -> None:
    """The icon on a 256 × 256 unit canvas, scaled to `size` pixels."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)
    px = 256 / size  # one device pixel in drawing units

    # The tile: white, rounded, with a hairline edge one device pixel wide.
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(px / 2, px / 2, 256 - px, 256 - px), 40, 40)
    painter.setPen(QPen(EDGE, px))
    painter.setBrush(WHITE)
    painter.drawPath(tile)

    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(JD_RED)
    # The roof overhangs the walls by one pixel of the 16-px icon on each side.
    roof = [(16, 112), (128, 32), (240, 112), (240, 128), (16, 128)]
    painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in roof]))
    # Walls with the doorway cut out.
    walls = QPainterPath()
    walls.addRect(QRectF(32, 112, 192, 112))
    doorway = QPainterPath()
    doorway.addRect(QRectF(80, 144, 96, 80))
    painter.drawPath(walls.subtracted(doorway))
    # The carton in the doorway.
    carton = QRectF(96, 176, 64, 48)
    painter.drawRect(carton)
    if size >= 32:  # the tape over the lid: two device pixels wide up to 64 px, then wider
        tape = max(1, size // 64) * px
        painter.setBrush(WHITE)
        painter.drawRect(QRectF(128 - tape, 176, 2 * tape, 16))


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        draw(painter, size)
    finally:
        painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file holding `images` ({size: PNG bytes}), smallest first."""
    header = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, image count
    offset = len(header) + 16 * len(images)
    entries, blobs = [], []
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in the one-byte width and height
        # width, height, palette colours, reserved, colour planes, bits per pixel, bytes, offset
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        blobs.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(blobs)


def main() -> int:
    images = {size: png_bytes(render(size)) for size in ICO_SIZES}
    PNG_FILE.write_bytes(images[256])
    ICO_FILE.write_bytes(ico_bytes(images))
    print(f"wrote {PNG_FILE} and {ICO_FILE} ({', '.join(map(str, ICO_SIZES))} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
