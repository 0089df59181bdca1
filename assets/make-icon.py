"""Draws assets/icon.png (512x512): a hammerhead shark seen from above, its two eyes at the ends
of its head. Original artwork, made of simple shapes; run `python3 assets/make-icon.py` to redraw.
Standard library only (zlib + struct), 4x4 supersampling for smooth edges."""
import math
import struct
import zlib

SIZE = 512
SS = 4  # samples per pixel along each axis

BACKGROUND_TOP = (18, 52, 77)
BACKGROUND_BOTTOM = (9, 27, 44)
SHARK = (124, 205, 214)
EYE = (245, 184, 61)


def rounded_square(x, y, radius=104):
    dx = max(abs(x - SIZE / 2) - (SIZE / 2 - radius), 0)
    dy = max(abs(y - SIZE / 2) - (SIZE / 2 - radius), 0)
    return dx * dx + dy * dy <= radius * radius


def capsule(x, y, ax, ay, bx, by, r):
    vx, vy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)))
    px, py = ax + t * vx - x, ay + t * vy - y
    return px * px + py * py <= r * r


def triangle(x, y, a, b, c):
    def side(p, q):
        return (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0])

    s1, s2, s3 = side(a, b), side(b, c), side(c, a)
    return (s1 >= 0 and s2 >= 0 and s3 >= 0) or (s1 <= 0 and s2 <= 0 and s3 <= 0)


def head(x, y):
    # The cephalofoil: a wide bar whose ends sweep back.
    bow = 0.00045 * (x - 256) ** 2
    return capsule(x, y - bow, 92, 176, 420, 176, 30)


def body(x, y):
    # Tapers from the head to the tail stock.
    if not 170 <= y <= 410:
        return False
    half = 46 * (1 - ((y - 170) / 240) ** 1.6) + 6
    return abs(x - 256) <= half


def fins(x, y):
    return (
        triangle(x, y, (230, 250), (150, 330), (236, 300))
        or triangle(x, y, (282, 250), (362, 330), (276, 300))
        or triangle(x, y, (256, 392), (206, 462), (256, 430))
        or triangle(x, y, (256, 392), (306, 462), (256, 430))
    )


def eye(x, y):
    bow = 0.00045 * (92 - 256) ** 2
    return any(math.hypot(x - ex, y - 176 - bow) <= 15 for ex in (92, 420))


def colour(x, y):
    if not rounded_square(x, y):
        return None
    if eye(x, y):
        return EYE
    if head(x, y) or body(x, y) or fins(x, y):
        return SHARK
    t = y / SIZE
    return tuple(round(a + (b - a) * t) for a, b in zip(BACKGROUND_TOP, BACKGROUND_BOTTOM))


def pixel(px, py):
    r = g = b = a = 0
    for sy in range(SS):
        for sx in range(SS):
            c = colour(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS)
            if c is not None:
                r, g, b, a = r + c[0], g + c[1], b + c[2], a + 1
    if a == 0:
        return (0, 0, 0, 0)
    return (r // a, g // a, b // a, 255 * a // (SS * SS))


def png(width, height, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body) & 0xFFFFFFFF)

    raw = b''.join(b'\x00' + bytes(v for p in row for v in p) for row in rows)
    header = struct.pack('>IIBBBBB', width, height, 8, 6, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')


if __name__ == '__main__':
    import pathlib

    rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
    out = pathlib.Path(__file__).with_name('icon.png')
    out.write_bytes(png(SIZE, SIZE, rows))
    print(f'wrote {out}')
