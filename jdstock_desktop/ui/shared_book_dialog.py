"""文件 › 连接共享账本（PostgreSQL）…: server, database and login of a book clerks share.

The dialog only builds the URL; MainWindow.open_location opens it (creating the tables on the
first connection). The password is part of that URL for this one connection and nowhere else:
the recent-books list keeps the URL without it, and an empty password lets libpq use
PGPASSWORD or the pgpass file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL, make_url

from jdstock_desktop.errors import JdStockError
from jdstock_desktop.storage.book_file import UNREACHABLE, failure_reason

DRIVER = "postgresql+psycopg"
DEFAULT_HOST = "localhost"
DEFAULT_PORT = 5432
DEFAULT_DATABASE = "jdstock"
HINT_STYLE = "color: #6b7280; font-size: 12px;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SharedBookDialog", text)


def shown_location(location: str) -> str:
    """A book's location as the clerk reads it, never with a password: a file path as it is,
    a server book as "PostgreSQL 张三@server:5432/jdstock" (names not percent-encoded)."""
    if "://" not in location:
        return location
    try:
        url = make_url(location)
    except Exception:  # not a URL after all: nothing to hide that we could find
        return location
    if url.get_backend_name() != "postgresql":
        return url.render_as_string(hide_password=True)
    user = f"{url.username}@" if url.username else ""
    port = f":{url.port}" if url.port else ""
    host = f"[{url.host}]" if url.host and ":" in url.host else url.host or ""
    return f"PostgreSQL {user}{host}{port}/{url.database or ''}"


def _texts(error: BaseException) -> tuple[set[str], str]:
    """The SQLSTATEs and the lower-cased messages of an error and of the errors behind it
    (SQLAlchemy wraps the driver's error in .orig)."""
    states: set[str] = set()
    texts: list[str] = []
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        e = pending.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        state = getattr(e, "sqlstate", None) or getattr(e, "pgcode", None)
        if isinstance(state, str):
            states.add(state)
        texts.append(str(e).lower())
        orig = getattr(e, "orig", None)
        pending += [orig if isinstance(orig, BaseException) else None, e.__cause__, e.__context__]
    return states, "\n".join(texts)


def needs_password(error: BaseException) -> bool:
    """The server asked for a password and none was given (none in PGPASSWORD or pgpass)."""
    return "no password supplied" in _texts(error)[1]


def connection_problem(error: BaseException) -> str | None:
    """A short Chinese explanation of why a server book did not open, for the clerk to read
    above the driver's own (English) message; None when the error is none of these."""
    states, text = _texts(error)
    if (
        states & {"28P01", "28000"}
        or "no password supplied" in text
        or "authentication failed" in text
        or ("role " in text and "does not exist" in text)
    ):
        return _tr("用户名或密码错误。")
    if "3D000" in states or ("database " in text and "does not exist" in text):
        return _tr(
            "服务器上没有这个数据库：请服务器管理员先创建它（例如 createdb -O 用户名 jdstock）。"
        )
    if "42501" in states or "permission denied" in text:
        return _tr("这个用户没有在该数据库中建表或读写的权限，请服务器管理员授权。")
    if any(s in text for s in UNREACHABLE) or any(s.startswith("08") for s in states):
        return _tr("无法连接到数据库服务器：请检查服务器地址和端口，以及服务器是否已启动。")
    return None


def open_failure_text(location: str, error: BaseException) -> str:
    """What the clerk reads when a book did not open: where (never with a password), for a
    server book a line of Chinese saying what to check, then the driver's own message."""
    if isinstance(error, JdStockError):  # the book was looked at and refused: says it all
        return "\n\n".join(t for t in (shown_location(location), str(error)) if t)
    problem = connection_problem(error) if "://" in location else None
    problem = problem or failure_reason(error)
    return "\n\n".join(t for t in (shown_location(location), problem, str(error)) if t)


class SharedBookDialog(QDialog):
    """Asks where the shared book is; url() is what MainWindow opens."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("连接共享账本（PostgreSQL）"))
        self.host_edit = QLineEdit(DEFAULT_HOST)
        self.host_edit.setPlaceholderText(self.tr("服务器名称或 IP 地址"))
        self.port_box = QSpinBox()
        self.port_box.setRange(1, 65535)
        self.port_box.setValue(DEFAULT_PORT)
        self.port_box.setGroupSeparatorShown(False)
        self.database_edit = QLineEdit(DEFAULT_DATABASE)
        self.user_edit = QLineEdit()
        self.user_edit.setPlaceholderText(self.tr("管理员为你创建的用户名"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_hint = QLabel(
            self.tr(
                "可以留空：留空时使用 PGPASSWORD 环境变量或 pgpass 文件中的密码。密码不会被保存。"
            )
        )
        self.password_hint.setWordWrap(True)
        self.password_hint.setStyleSheet(HINT_STYLE)

        form = QFormLayout()
        form.addRow(self.tr("服务器"), self.host_edit)
        form.addRow(self.tr("端口"), self.port_box)
        form.addRow(self.tr("数据库"), self.database_edit)
        form.addRow(self.tr("用户名"), self.user_edit)
        form.addRow(self.tr("密码"), self.password_edit)
        form.addRow("", self.password_hint)

        self.database_hint = QLabel(
            self.tr(
                "数据库须由服务器管理员事先创建（例如 createdb -O 用户名 jdstock）；"
                "第一次连接时，程序会在其中自动建好账本的表。"
            )
        )
        self.database_hint.setWordWrap(True)
        self.database_hint.setStyleSheet(HINT_STYLE)
        # Why the dialog is shown again (a recent server book that wants its password …).
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b91c1c;")
        self.problem_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("连接"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.problem_label)
        layout.addLayout(form)
        layout.addWidget(self.database_hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

        for edit in (self.host_edit, self.database_edit, self.user_edit):
            edit.textChanged.connect(self._update_button)
        self._update_button()
        self.user_edit.setFocus()

    @classmethod
    def from_url(cls, location: str, parent: QWidget | None = None) -> SharedBookDialog:
        """The dialog filled in from a server book's URL (as the recent list keeps it, without
        password), so the clerk only types the password."""
        dialog = cls(parent)
        dialog.fill(location)
        return dialog

    def fill(self, location: str) -> None:
        url = make_url(location)
        self.host_edit.setText(url.host or DEFAULT_HOST)
        self.port_box.setValue(url.port or DEFAULT_PORT)
        self.database_edit.setText(url.database or "")
        self.user_edit.setText(url.username or "")
        self.password_edit.setText(url.password or "")
        empty = [e for e in (self.host_edit, self.database_edit, self.user_edit) if not e.text()]
        (empty[0] if empty else self.password_edit).setFocus()

    def show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def is_complete(self) -> bool:
        return all(e.text().strip() for e in (self.host_edit, self.database_edit, self.user_edit))

    def _update_button(self) -> None:
        self.connect_button.setEnabled(self.is_complete())

    def accept(self) -> None:
        if self.is_complete():  # the button is disabled, but accept() has other callers
            super().accept()

    def url(self) -> str:
        """The URL to open, with the password (escaped) when one was typed."""
        return URL.create(
            DRIVER,
            username=self.user_edit.text().strip(),
            password=self.password_edit.text() or None,
            host=self.host_edit.text().strip(),
            port=self.port_box.value(),
            database=self.database_edit.text().strip(),
        ).render_as_string(hide_password=False)
