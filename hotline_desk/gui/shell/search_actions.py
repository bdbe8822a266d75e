"""Search in the main window (issue 16): 保存的查询 under the navigation, running a saved
search in 全部办件, and the list's 高级查询… dialog. ``MainWindow`` inherits them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hotline_desk.services.dto import CaseFilter

if TYPE_CHECKING:
    from hotline_desk.gui.cases.saved_nav import SavedSearchNav
    from hotline_desk.gui.cases.workspace import CaseWorkspace
    from hotline_desk.gui.shell.main_window import MainWindow


class SearchActions:
    """The search half of ``MainWindow``."""

    def _saved_search_nav(self: MainWindow) -> SavedSearchNav | None:
        """保存的查询 under the pages, for users with the case list."""
        if not self._has_case_list:
            return None
        from hotline_desk.gui.cases.saved_nav import SavedSearchNav

        nav = SavedSearchNav(self.ctx, self.actor, self.run_saved_search)
        nav.setFixedWidth(self.nav.width())
        return nav

    def run_saved_search(self: MainWindow, flt: CaseFilter) -> None:
        """全部办件 with a saved search run in it."""
        panel = self.case_panel
        if panel is not None:
            self.show_page("cases")
            panel.set_filter(flt)

    def advanced_search(self: MainWindow, workspace: CaseWorkspace) -> None:
        from hotline_desk.gui.cases.search_dialog import AdvancedSearchDialog

        dialog = AdvancedSearchDialog(
            self.ctx, self.actor, workspace.panel, self.topics, self.units, self
        )
        self.search_dialog = dialog  # tests drive it
        dialog.open()
