from hypothesis import given
from hypothesis import strategies as st

from clbtool.sample import to_tcvn3, to_vni
from clbtool.text import closest, convert_legacy, fold, legacy_reading

VIETNAMESE_LOWER = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ "
)
VIETNAMESE_UPPER = "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴ"


def test_fold_matches_the_spellings_offices_use():
    assert (
        fold("Họ và tên")
        == fold("HỌ VÀ TÊN")
        == fold("Ho va ten")
        == fold("Họ  và-tên.")
        == "ho va ten"
    )
    assert fold("Đã kết nối vay") == "da ket noi vay"
    assert fold("Xã/Phường/Thị trấn") == "xa phuong thi tran"


def test_fold_treats_nfd_like_nfc():
    nfd = "Ho\u0323 va\u0300 te\u0302\u0300n"  # "Họ và tên" decomposed
    assert fold(nfd) == "ho va ten"


def test_closest_suggests_the_near_header():
    assert closest("Ho ten", ["Năm sinh", "Họ tên", "Giới tính"]) == "Họ tên"
    assert closest("xyz", ["Năm sinh"]) is None


def test_tcvn3_examples_from_the_domain_notes():
    assert legacy_reading("B¸o c¸o") == "t"
    assert convert_legacy("B¸o c¸o", "tcvn3") == "Báo cáo"
    assert convert_legacy("§éc lËp", "tcvn3") == "Độc lập"
    assert convert_legacy("Nguyễn", "tcvn3") == "Nguyễn"  # already Unicode: untouched


def test_vni_example_from_the_domain_notes():
    assert legacy_reading("chaøo") == "v"
    assert convert_legacy("chaøo", "vni") == "chào"
    assert convert_legacy("Nguyeãn Thò Ñaøo", "vni") == "Nguyễn Thị Đào"


def test_vni_mark_on_no_letter_is_kept_as_typed():
    # "ø" after a space, "ù" after a digit: no letter to sit on, so not a tone mark
    assert convert_legacy("Tröôøng ø 5ù", "vni") == "Trường ø 5ù"
    assert convert_legacy("Nguyeãn", "vni") == "Nguyễn"  # one character, two marks


def test_plain_unicode_and_ascii_never_read_better_as_legacy():
    # a Latin-1 cell that reads as well as TCVN3 ("Cô" is also "Cụ") is left to its neighbours;
    # none reads better as legacy
    for text in ("Bình Sơn", "Ho va ten", "Cô", "x", "Nghèo", "Bình Châu", "38°C", "2 × 3"):
        readings = legacy_reading(text) if text.isascii() or text.isprintable() else ""
        assert readings == "" or "u" in readings, text


@given(st.text(alphabet=VIETNAMESE_LOWER, max_size=40))
def test_tcvn3_round_trip(text):
    assert convert_legacy(to_tcvn3(text), "tcvn3") == text


@given(st.text(alphabet=VIETNAMESE_LOWER + VIETNAMESE_UPPER, max_size=40))
def test_vni_round_trip(text):
    assert convert_legacy(to_vni(text), "vni") == text
