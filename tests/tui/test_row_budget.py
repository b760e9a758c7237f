from backprop_tui.tui.row_budget import Want, share_rows


def test_panels_get_what_they_need_and_the_graph_the_rest():
    assert share_rows(40, 11, [Want(5, 4), Want(3, 3), Want(8, 3)]) == [5, 3, 8]


def test_the_graph_keeps_its_floor_and_floors_come_before_extras():
    heights = share_rows(22, 11, [Want(5, 4), Want(4, 2), Want(9, 3)])
    assert sum(heights) == 11
    assert heights == [5, 3, 3]  # floors 4 + 2 + 3, then the quiz's extra row, then narration's


def test_a_short_panel_keeps_no_blank_rows():
    assert share_rows(30, 9, [Want(2, 4)]) == [2]


def test_no_room_at_all_gives_the_panels_nothing():
    assert share_rows(8, 11, [Want(5, 4), Want(3, 3)]) == [0, 0]


def test_a_floor_is_cut_when_the_room_runs_out():
    assert share_rows(15, 11, [Want(5, 3), Want(6, 3)]) == [3, 1]
