"""The OCR models (part of stage 1): PP-OCR's line detector and recogniser, run by OpenVINO.

RapidOCR brings the PP-OCR models and the code around them (the detector's pre- and post-processing,
cutting the lines out of the page, the CTC decoding, the character boxes); OpenVINO runs the two
networks, the detector in half of onnxruntime's time on a CPU like ours. Each choice below was
measured on the corpus scans (`make bench` prints pages/s, peak memory and CPU seconds per stage):

- Lines are looked for on the page scaled so that its long side is 960 pixels: a 200 dpi A4
  page's body text is some 18 pixels high there, which the detector finds as at the library's
  2,000 pixels in a quarter of the time and half of the memory, its map read at twice the size and
  its boxes grown less, so that they come out as the library's. (Lines are still cut out of the
  page at full size for the recogniser.) At 1,024 pixels one box of a table set without rules ran
  across the narrow gap to the next cell; at 960 a comma opening a wrapped cell line of a blurred
  150 dpi scan goes unfound (no figure changes). A box turned far from the page's lines (a lone 1)
  is set upright.
- A line is read at 36 pixels high, and read again at the model's own 48 only when the recogniser
  is unsure of one of its characters: at 36 pixels it reads as at 48 in 60% of the time (of 427
  lines of spoilt scans, two read otherwise with confidence, both a ； for a ：), and where it errs
  it is unsure. (At 32 pixels characters were dropped with confidence: 农村劳动力 → 农村劳动.) A line of
  a few characters is read at 48 alone.
- A line's width is rounded up to 64 pixels, padded as the library pads a batch: OpenVINO prepares
  each new input shape, and lines of a notice share a handful of rounded widths.
- No angle classifier: the lines of a straightened page stand upright.
"""

from __future__ import annotations

import contextlib
import functools
import math
from pathlib import Path

# The detector sees a page scaled to this long side (pixels); smaller pieces (a table cell read
# again on its own) are detected as the library does.
DETECTION_SIDE = 960
# A box turned further than this from the page's lines is made upright (a page is straightened
# by the slope of its lines only after detection; scans lie within a few degrees).
MAX_TILT_DEGREES = 10
# How far a line's box is grown around what the detector marks, on a page scaled to
# DETECTION_SIDE (the library's 1.6 on pieces detected at its own size).
PAGE_UNCLIP_RATIO = 1.25
# The detector's input is padded to sides that are multiples of this (pixels); nothing larger
# than a page's is given to it.
CANVAS_STEP = 256
LARGEST_CANVAS = 1024
# Line heights the recogniser reads at: fast first, then its own.
FAST_HEIGHT, FULL_HEIGHT = 36, 48
# A line whose least certain character scores below this is read again at FULL_HEIGHT.
UNSURE_BELOW = 0.7
# Line widths are rounded up to a multiple of this (pixels).
WIDTH_STEP = 64
# A line narrower than this many times its height (up to three characters) is read at FULL_HEIGHT
# alone (of 224 such lines of spoilt scans, 99 between this and MIN_WIDTH_RATIO read the same at
# FAST_HEIGHT; narrower ones did not: 1 read as 1-).
FEW_CHARACTERS_RATIO = 3.5
# The narrowest line the recogniser is given, as a multiple of its height (the library's 320/48).
MIN_WIDTH_RATIO = 320 / 48


def engine():
    """RapidOCR with OpenVINO running its networks, one thread (the same numbers, so the same text,
    in every process; a batch spreads pages over its workers instead)."""
    import logging

    import numpy
    import openvino
    from rapidocr_onnxruntime import RapidOCR
    from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess

    ocr = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, use_cls=False)
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    models = Path(__import__("rapidocr_onnxruntime").__file__).parent / "models"
    core = openvino.Core()
    detector = ocr.text_det
    library_choice = detector.get_preprocess

    def preprocess(long_side: int):
        scaled_down = long_side > DETECTION_SIDE
        chosen = library_choice(long_side)
        if scaled_down:
            chosen = DetPreProcess(DETECTION_SIDE, "max", detector.mean, detector.std)
            # its lines' map comes out a fifth taller than at the library's size (the text is
            # smaller against the network's reach): boxes grown less keep the library's size
            detector.postprocess_op.unclip_ratio = PAGE_UNCLIP_RATIO
        chosen.normalize = functools.partial(_normalised, scale=chosen.scale / chosen.std, shift=chosen.mean / chosen.std)
        return chosen

    detector.get_preprocess = preprocess
    library_filter = detector.filter_tag_det_res
    detector.filter_tag_det_res = lambda boxes, shape: _upright(library_filter(boxes, shape))
    detector.infer = _PaddedDetector(core, core.read_model(models / "ch_PP-OCRv4_det_infer.onnx"))
    recogniser_model = models / "ch_PP-OCRv4_rec_infer.onnx"
    ocr.text_rec = CascadeRecogniser(
        ocr.text_rec.postprocess_op,
        fast=_Network(core, _pooled_for_height(core.read_model(recogniser_model), FAST_HEIGHT)),
        full=_Network(core, core.read_model(recogniser_model)))
    # a character's box is used for its extent alone (read/ocr.py): the library's putting of its
    # corners in order, a third of the time of the character boxes, is left out
    ocr.cal_rec_boxes.order_points = _as_they_come
    return_freed_memory()  # the library's onnxruntime sessions, replaced above
    return ocr


def return_freed_memory() -> None:
    """Memory freed by the process given back to the system (glibc keeps it otherwise, and a
    process's peak memory counts it)."""
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)


class _Network:
    """A compiled network called like the library's session: input array in, list of outputs out."""

    def __init__(self, core, model):
        # f32 whatever the CPU offers (bf16 on newer ones would read differently); one thread; few
        # prepared shapes kept (each holds memory)
        compiled = core.compile_model(model, "CPU", {"INFERENCE_NUM_THREADS": 1, "NUM_STREAMS": 1,
                                                     "INFERENCE_PRECISION_HINT": "f32",
                                                     "CPU_RUNTIME_CACHE_CAPACITY": 0})
        self.request = compiled.create_infer_request()

    def __call__(self, pixels):
        self.request.infer([pixels])
        return [self.request.get_output_tensor(0).data.copy()]


class _PaddedDetector(_Network):
    """The detector given its input on a white canvas whose sides are multiples of CANVAS_STEP, and
    its map cut back to the input: pages of one shape or near it (A4 at any resolution, photos of
    it) meet one input shape, and OpenVINO keeps memory for each shape it has met."""

    def __call__(self, pixels):
        import cv2
        import numpy

        _, channels, height, width = pixels.shape
        if max(height, width) > LARGEST_CANVAS:
            # a piece the library enlarged (a table cell read again, 1,184 pixels long) would make
            # OpenVINO keep memory for a larger shape than a page's: it is looked at shrunk to the
            # page's size, and its map enlarged back
            scale = LARGEST_CANVAS / max(height, width)
            smaller = numpy.stack([cv2.resize(channel, (round(width * scale), round(height * scale)),
                                              interpolation=cv2.INTER_AREA) for channel in pixels[0]])[numpy.newaxis]
            found = self(smaller)[0][0, 0]
            return [cv2.resize(found, (width, height), interpolation=cv2.INTER_LINEAR)[numpy.newaxis, numpy.newaxis]]
        canvas = numpy.ones((1, channels, _rounded_up(height, CANVAS_STEP), _rounded_up(width, CANVAS_STEP)),
                            dtype=numpy.float32)  # white, as the detector's input is scaled
        canvas[:, :, :height, :width] = pixels
        found = super().__call__(canvas)[0][0, 0, :height, :width]
        if max(height, width) >= DETECTION_SIDE:
            # a page scaled down: its map is read at twice the size, near the library's own, so
            # that a box's ends stand where the library's do (at the scaled size a box ran into the
            # next cell across a narrow gap, or lost a closing bracket)
            found = cv2.resize(found, (2 * width, 2 * height), interpolation=cv2.INTER_LINEAR)
        return [found[numpy.newaxis, numpy.newaxis]]


def _normalised(pixels, scale, shift):
    """The detector's input scaling, in 32 bits and in place (the library's 64-bit arithmetic
    took a tenth of the detection's time)."""
    import numpy

    scaled = pixels.astype(numpy.float32)
    scaled *= scale.astype(numpy.float32)
    scaled -= shift.astype(numpy.float32)
    return scaled


def _as_they_come(corners):
    return corners


def _upright(boxes):
    """Boxes turned further than a page is ever set (a lone 1's thin stroke gives a box at 28°, and
    the 1 cut out along it reads 7) made upright: their bounding rectangles."""
    import numpy

    for index, box in enumerate(boxes):
        (left, top), (right, right_top) = box[0], box[1]
        if abs(math.degrees(math.atan2(right_top - top, right - left))) > MAX_TILT_DEGREES:
            low, high = box.min(axis=0), box.max(axis=0)
            boxes[index] = numpy.array([low, (high[0], low[1]), high, (low[0], high[1])], dtype=box.dtype)
    return boxes


def _rounded_up(size: int, step: int) -> int:
    return math.ceil(size / step) * step


def _pooled_for_height(model, height: int):
    """The recogniser made to read lines `height` pixels high: its last pooling averages the three
    rows of feature a 48-pixel line leaves into one; a shorter line leaves fewer rows, all of which
    are averaged (OpenVINO refuses the unchanged model there; onnxruntime runs it and reads alike)."""
    from openvino import opset13

    rows = height // 16
    pools = [op for op in model.get_ordered_ops() if op.get_type_name() == "AvgPool"]
    if len(pools) != 1 or list(pools[0].get_attributes()["kernel"]) != [3, 2]:
        raise RuntimeError("the recogniser model is not the PP-OCRv4 one this engine knows")
    pool = pools[0]
    replacement = opset13.avg_pool(pool.input_value(0), [rows, 2], [0, 0], [0, 0], [rows, 2], True)
    for target in list(pool.output(0).get_target_inputs()):
        target.replace_source_output(replacement.output(0))
    model.validate_nodes_and_infer_types()
    return model


class CascadeRecogniser:
    """Reads cut-out lines: each at FAST_HEIGHT, again at FULL_HEIGHT if unsure. A line's reading
    depends on the line alone (never on the lines read beside it)."""

    def __init__(self, decode, fast, full):
        self.decode, self.fast, self.full = decode, fast, full
        self.lines_read = self.lines_read_again = 0

    def __call__(self, lines, return_word_box: bool = False):
        results = []
        for line in lines:
            self.lines_read += 1
            # a line of up to three characters (a row's number, a unit in its cell) is padded to
            # the least width and costs little more at 48, where at 32 a lone 5 was read as S
            short = line.shape[1] < FEW_CHARACTERS_RATIO * line.shape[0]
            if not short:
                scores, ratio, padded_ratio = self._scores(line, FAST_HEIGHT, self.fast)
            if short or _least_certain(scores) < UNSURE_BELOW:
                self.lines_read_again += not short
                scores, ratio, padded_ratio = self._scores(line, FULL_HEIGHT, self.full)
            results.append(self.decode(scores, return_word_box, wh_ratio_list=[ratio],
                                       max_wh_ratio=padded_ratio)[0])
        return results, 0.0

    @staticmethod
    def _scores(line, height: int, network):
        import cv2
        import numpy

        line_height, line_width = line.shape[:2]
        ratio = line_width / line_height
        width = _rounded_up(math.ceil(height * max(MIN_WIDTH_RATIO, ratio)), WIDTH_STEP)
        resized_width = min(width, math.ceil(height * ratio))
        resized = cv2.resize(line, (resized_width, height)).astype(numpy.float32)
        padded = numpy.zeros((1, 3, height, width), dtype=numpy.float32)  # 0 is mid-grey, as the library pads
        padded[0, :, :, :resized_width] = resized.transpose((2, 0, 1)) / 127.5 - 1.0
        return network(padded)[0], ratio, width / height


def _least_certain(scores) -> float:
    """The score of the least certain character the CTC decoding keeps (0 for no character)."""
    import numpy

    best = scores[0].argmax(axis=1)
    kept = (best != 0) & numpy.concatenate([[True], best[1:] != best[:-1]])
    return float(scores[0].max(axis=1)[kept].min()) if kept.any() else 0.0
