"""The text of a notice from what the clerk hands over: pasted text, a .txt, .docx or .pdf file.

Used by the import page and by `manage.py extract_notice`, so both read a file the same way.
Every refusal is an ImportFileError whose message says, in Vietnamese, what is wrong and what
to do; nothing here touches the database.

A file is judged by its content as well as its name: a .docx must be a Word package, a .pdf
must start like a PDF, and a file whose name says neither is refused with advice (save as
.docx or paste the text) rather than guessed at.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from agencies.inputs import clean_text
from directives.tasks.uploads import office_package_kind

# A notice is a few dozen KB of text; 2 MB of pasted text is already a whole book, and the
# reader's time grows with length, so anything larger is refused before it is read.
MAX_PASTE_BYTES = 2 * 1024 * 1024
_RUNS_OF_SPACES = re.compile(r"[ \t]{2,}")

MSG_EMPTY_TEXT = "Chưa có nội dung: hãy dán toàn văn thông báo kết luận vào ô văn bản hoặc chọn một tệp."
MSG_EMPTY_FILE = "Tệp “{name}” trống (0 byte): hãy chọn lại tệp có nội dung thông báo."
MSG_TOO_LARGE = (
    "Tệp “{name}” có dung lượng {size}, vượt giới hạn {limit}. "
    "Hãy chọn tệp nhỏ hơn, hoặc sao chép phần nội dung thông báo và dán vào ô văn bản."
)
MSG_PASTE_TOO_LARGE = (
    "Văn bản dán vào dài {size}, vượt giới hạn {limit}: một thông báo kết luận thường chỉ vài chục KB. "
    "Hãy chỉ dán nội dung của một thông báo."
)
MSG_UNSUPPORTED = (
    "Không đọc được tệp “{name}”: chỉ nhận tệp .txt, .docx hoặc .pdf có lớp chữ. "
    "Hãy mở tệp bằng Word và lưu lại dưới dạng .docx (Lưu thành → Word Document), hoặc sao chép "
    "nội dung và dán vào ô văn bản."
)
MSG_NOT_DOCX = (
    "Tệp “{name}” không phải văn bản Word (.docx) hợp lệ: nội dung tệp không đúng định dạng Word, "
    "có thể tệp bị hỏng hoặc chỉ bị đổi tên. Hãy mở tệp gốc bằng Word, lưu lại dưới dạng .docx rồi "
    "tải lên lại, hoặc dán nội dung vào ô văn bản."
)
MSG_NOT_PDF = (
    "Tệp “{name}” không phải tệp PDF hợp lệ (có thể tệp bị hỏng hoặc chỉ bị đổi tên). "
    "Hãy xuất lại tệp PDF từ văn bản gốc, tải lên tệp .docx, hoặc dán nội dung vào ô văn bản."
)
MSG_PDF_LOCKED = (
    "Tệp PDF “{name}” được đặt mật khẩu nên không đọc được nội dung. "
    "Hãy tải lên bản không đặt mật khẩu, hoặc dán nội dung vào ô văn bản."
)
MSG_PDF_NO_TEXT = (
    "Tệp PDF “{name}” không có lớp chữ (có thể là bản scan hoặc ảnh chụp) nên không đọc được nội dung. "
    "Hãy tải lên tệp .docx hoặc PDF xuất từ văn bản gốc, hoặc dán nội dung vào ô văn bản."
)
MSG_NOT_TEXT = (
    "Tệp “{name}” không phải tệp văn bản thuần (.txt): nội dung là dữ liệu nhị phân. "
    "Hãy chọn đúng tệp, hoặc sao chép nội dung thông báo và dán vào ô văn bản."
)
MSG_NO_TEXT_IN_FILE = "Tệp “{name}” không có chữ nào: hãy kiểm tra lại tệp, hoặc dán nội dung vào ô văn bản."


class ImportFileError(ValueError):
    """What is wrong with the input, in Vietnamese, with what to do about it."""


def check_pasted(text: str) -> str:
    """Pasted text, refused when empty or too long."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_PASTE_BYTES:
        raise ImportFileError(
            MSG_PASTE_TOO_LARGE.format(size=filesizeformat(size), limit=filesizeformat(MAX_PASTE_BYTES))
        )
    if not text.strip():
        raise ImportFileError(MSG_EMPTY_TEXT)
    return text


def text_from_upload(upload) -> str:
    """The text of an uploaded file (a Django UploadedFile), or ImportFileError."""
    name = _display_name(getattr(upload, "name", "") or "")
    size = upload.size or 0
    _check_size(name, size)
    upload.seek(0)
    return text_from_bytes(name, upload.read())


def text_from_path(path: str | Path) -> str:
    """The text of a file on disk (the extract_notice command), or ImportFileError."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ImportFileError(f"“{path}” không phải là một tệp: hãy chỉ đường dẫn tới tệp .txt, .docx hoặc .pdf.")
        _check_size(name, size)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"Không tìm thấy tệp “{path}”: hãy kiểm tra lại đường dẫn.") from None
    except PermissionError:
        raise ImportFileError(f"Không có quyền đọc tệp “{path}”.") from None
    except IsADirectoryError:
        raise ImportFileError(f"“{path}” là một thư mục: hãy chỉ đường dẫn tới một tệp.") from None
    return text_from_bytes(name, data)


def text_from_bytes(name: str, data: bytes) -> str:
    """The text of a file given its name and content; the name picks the kind, the content must agree."""
    name = _display_name(name)
    if not data:
        raise ImportFileError(MSG_EMPTY_FILE.format(name=name))
    _check_size(name, len(data))
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        text = _docx_text(name, data)
    elif suffix == ".pdf":
        text = _pdf_text(name, data)
    elif suffix in (".txt", ".text", ".md", ""):
        text = _plain_text(name, data)
    else:
        raise ImportFileError(MSG_UNSUPPORTED.format(name=name))
    # Cleaned as the form's text is (config.cleaning): the review page sends this text back in
    # a form, and the reader's offsets must index the same string both times.
    text = clean_text(unicodedata.normalize("NFC", text))
    if not text.strip():
        raise ImportFileError(MSG_NO_TEXT_IN_FILE.format(name=name))
    return text


def _display_name(name: str) -> str:
    return (name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or "tệp")[:200]


def _check_size(name: str, size: int) -> None:
    if size > settings.UPLOAD_MAX_BYTES:
        raise ImportFileError(
            MSG_TOO_LARGE.format(name=name, size=filesizeformat(size), limit=filesizeformat(settings.UPLOAD_MAX_BYTES))
        )
    if size == 0:
        raise ImportFileError(MSG_EMPTY_FILE.format(name=name))


# --- Plain text -------------------------------------------------------------------------------------


def _plain_text(name: str, data: bytes) -> str:
    """UTF-8 first (with or without BOM), then UTF-16 (Notepad's "Unicode"), then Windows-1258,
    the code page older Vietnamese Windows files were saved in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError(MSG_NOT_TEXT.format(name=name)) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        # UTF-16 without a BOM puts a zero byte beside nearly every Latin letter.
        even, odd = data[0::2].count(0), data[1::2].count(0)
        if len(data) % 2 == 0 and max(even, odd) > len(data) // 6 and min(even, odd) == 0:
            try:
                return data.decode("utf-16-be" if even > odd else "utf-16-le")
            except UnicodeDecodeError:
                pass
        raise ImportFileError(MSG_NOT_TEXT.format(name=name))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise ImportFileError(MSG_NOT_TEXT.format(name=name))
    return data.decode("cp1258", errors="replace")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return control > len(sample) // 100


# --- Word ---------------------------------------------------------------------------------------------


def _docx_text(name: str, data: bytes) -> str:
    """Paragraphs and tables in the order they stand in the document: a notice's header (number,
    place and date) usually sits in a borderless table above the title."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_word_package(name, data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError(MSG_NOT_DOCX.format(name=name)) from exc
    except Exception as exc:  # a malformed XML part: lxml raises its own errors
        raise ImportFileError(MSG_NOT_DOCX.format(name=name)) from exc
    lines: list[str] = []
    _block_lines(document.element.body, lines)
    return "\n".join(lines)


def _check_word_package(name: str, data: bytes) -> None:
    if office_package_kind(io.BytesIO(data), len(data)) != "docx":
        raise ImportFileError(MSG_NOT_DOCX.format(name=name))


def _block_lines(parent, lines: list[str]) -> None:
    from docx.oxml.ns import qn

    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(_paragraph_text(child))
        elif child.tag == qn("w:tbl"):
            _table_lines(child, lines)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _block_lines(content, lines)


def _table_lines(table, lines: list[str]) -> None:
    """Each cell's paragraphs on lines of their own, row by row; a merged cell once."""
    from docx.oxml.ns import qn

    for row in table.iterchildren(qn("w:tr")):
        for cell in row.iterchildren(qn("w:tc")):
            properties = cell.find(qn("w:tcPr"))
            merge = properties.find(qn("w:vMerge")) if properties is not None else None
            if merge is not None and merge.get(qn("w:val")) in (None, "continue"):
                continue  # the continuation of a vertically merged cell repeats nothing new
            _block_lines(cell, lines)
        lines.append("")


def _paragraph_text(paragraph) -> str:
    from docx.oxml.ns import qn

    parts: list[str] = []
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


# --- PDF ----------------------------------------------------------------------------------------------


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not data.lstrip()[:5] == b"%PDF-":
        raise ImportFileError(MSG_NOT_PDF.format(name=name))
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFileError(MSG_PDF_LOCKED.format(name=name))
        pages = [page.extract_text() or "" for page in reader.pages]
    except ImportFileError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as exc:
        raise ImportFileError(MSG_NOT_PDF.format(name=name)) from exc
    except Exception as exc:  # pypdf is lenient and raises many kinds on a broken file
        if "crypt" in str(exc).lower() or "password" in str(exc).lower():
            raise ImportFileError(MSG_PDF_LOCKED.format(name=name)) from exc
        raise ImportFileError(MSG_NOT_PDF.format(name=name)) from exc
    # Text extraction spaces words by their position on the page: runs of spaces carry nothing.
    text = "\n\n".join(_RUNS_OF_SPACES.sub(" ", page).strip("\n") for page in pages)
    if not text.strip():
        raise ImportFileError(MSG_PDF_NO_TEXT.format(name=name))
    return text
