"""My data, one module per part: :mod:`~ui.my_data.backup` (what is kept, and the download),
:mod:`~ui.my_data.restore` (check a backup, compare, confirm) and :mod:`~ui.my_data.delete`."""
