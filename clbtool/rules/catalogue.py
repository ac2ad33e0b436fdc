"""The rule catalogue: code, severity, plan section, messages and explanations, as data.

Codes are a contract (RULES.md): add new ones, never reuse or renumber one. A message
template names its parameters; they are formatted for the user's language when shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from clbtool.i18n import Txt

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    section: str  # the plan's section, or "" for data rules
    title: Txt
    messages: dict[str, Txt]  # variant -> template; "" is the default variant
    why: Txt
    fix: Txt
    threshold: str = ""  # the plan file's keys the rule reads, shown by `clbtool rules CODE`

    @property
    def family(self) -> str:
        return self.code[0]


def _r(code, severity, section, title, messages, why, fix, threshold=""):
    if isinstance(messages, Txt):
        messages = {"": messages}
    return Rule(code, severity, section, title, messages, why, fix, threshold)


_PLAN_REF = Txt(" (Kế hoạch, mục {section})", " (plan, section {section})")

RULES: dict[str, Rule] = {
    r.code: r
    for r in [
        # --- F: the file -------------------------------------------------------------
        _r("F01", ERROR, "", Txt("Tệp không đọc được", "File cannot be read"),
           Txt("Không đọc được tệp như một bảng tính: {reason}", "The file cannot be read as a spreadsheet: {reason}"),
           Txt("Chỉ đọc được các tệp .xlsx, .xlsm, .xls, .ods còn nguyên vẹn.",
               "Only intact .xlsx, .xlsm, .xls and .ods files can be read."),
           Txt("Mở tệp bằng Excel hoặc LibreOffice, lưu lại thành .xlsx rồi gửi lại.",
               "Open the file in Excel or LibreOffice, save it as .xlsx and send it again.")),
        _r("F02", ERROR, "", Txt("Tệp có mật khẩu", "Password-protected file"),
           {"": Txt("Tệp được đặt mật khẩu; chạy lại với --password để mở",
                    "The file is password-protected; run again with --password to open it"),
            "wrong": Txt("Mật khẩu không đúng, không mở được tệp", "Wrong password: the file cannot be opened"),
            "unsupported": Txt("Tệp được mã hóa theo cách clbtool chưa mở được; hãy lưu lại không đặt mật khẩu",
                               "The file is encrypted in a way clbtool cannot open; save it again without a password")},
           Txt("Tệp có mật khẩu không đọc được nếu không có mật khẩu.", "An encrypted file cannot be read without its password."),
           Txt("Chạy lại với --password MẬT_KHẨU, hoặc xin CLB gửi bản không đặt mật khẩu.",
               "Run again with --password SECRET, or ask the club for a copy without a password.")),
        _r("F03", ERROR, "", Txt("Tệp vượt giới hạn an toàn", "File over the safety limits"),
           Txt("Tệp vượt giới hạn an toàn: {what} {found} > {limit}; không đọc tiếp",
               "The file is over the safety limits: {what} {found} > {limit}; not read further"),
           Txt("Một bảng tính của CLB chỉ vài trăm KB; tệp quá lớn hoặc nén bất thường (zip bomb) có thể làm treo máy.",
               "A club workbook is a few hundred KB; a huge or abnormally compressed file (a zip bomb) could hang the machine."),
           Txt("Kiểm tra lại tệp; xóa các trang, dòng thừa rồi lưu lại.", "Check the file; remove unneeded sheets and rows and save it again.")),
        _r("F04", INFO, "", Txt("Chữ mã cũ đã được chuyển sang Unicode", "Legacy-encoded text converted"),
           Txt("Đã chuyển {what} (chữ gõ bằng bảng mã cũ) sang Unicode; bản có chú thích (--annotate) đánh dấu từng ô đã chuyển",
               "Converted {what} of legacy-encoded text to Unicode; the annotated copy (--annotate) marks each"),
           Txt("Chữ gõ bằng phông .VnTime (TCVN3) hay VNI-Times hiển thị sai trên máy khác.",
               "Text typed with .VnTime (TCVN3) or VNI-Times fonts shows wrongly on other machines."),
           Txt("Không cần làm gì; nên chuyển tệp sang Unicode (Unikey: Công cụ chuyển mã).",
               "Nothing to do; converting the file to Unicode (Unikey's converter) is recommended.")),
        _r("F05", INFO, "", Txt("Trang bị ẩn", "Hidden sheet"),
           Txt("Trang \"{hidden}\" đang bị ẩn trong tệp; clbtool vẫn đọc trang này", "Sheet \"{hidden}\" is hidden in the workbook; clbtool reads it all the same"),
           Txt("Dữ liệu trong trang ẩn vẫn được tính; người gửi có thể không biết nó ở đó.",
               "Data on a hidden sheet still counts; whoever sent the file may not know it is there."),
           Txt("Bỏ ẩn trang (chuột phải vào tên trang, Bỏ ẩn) và kiểm tra lại dữ liệu.",
               "Unhide the sheet (right-click the sheet tabs, Unhide) and check its data.")),
        # --- S: the structure ----------------------------------------------------------
        _r("S01", ERROR, "", Txt("Thiếu trang bắt buộc", "Required sheet missing"),
           Txt("Thiếu trang bắt buộc \"{missing}\". Các trang có trong tệp: {found}",
               "Required sheet \"{missing}\" is missing. Sheets in the file: {found}"),
           Txt("Trang \"Thông tin CLB\" và \"Thành viên\" là bắt buộc (xem mẫu: clbtool template).",
               "The sheets \"Thông tin CLB\" and \"Thành viên\" are required (see the form: clbtool template)."),
           Txt("Đổi tên trang cho đúng, hoặc chép dữ liệu vào mẫu của clbtool template.",
               "Rename the sheet, or copy the data into the form from clbtool template.")),
        _r("S02", ERROR, "", Txt("Thiếu cột bắt buộc", "Required column missing"),
           Txt("Trang \"{sheet}\" thiếu cột bắt buộc \"{column}\"{suggest}. Các tiêu đề tìm thấy: {found}",
               "Sheet \"{sheet}\" has no required column \"{column}\"{suggest}. Headers found: {found}"),
           Txt("Không có cột này thì không tính được các chỉ số của kế hoạch.", "Without this column the plan's figures cannot be computed."),
           Txt("Thêm cột với đúng tiêu đề (không phân biệt hoa thường, có dấu hay không).",
               "Add the column with its header (case and accents do not matter).")),
        _r("S03", ERROR, "", Txt("Thiếu thông tin CLB", "Club information missing"),
           Txt("Thiếu thông tin bắt buộc \"{label}\" trong trang \"{sheet}\"", "Required field \"{label}\" is missing in sheet \"{sheet}\""),
           Txt("Tên CLB, xã, huyện, ngày thành lập và năm báo cáo xác định CLB khi tổng hợp.",
               "Club name, commune, district, founding date and year identify the club in the totals."),
           Txt("Điền ô giá trị bên phải nhãn trong trang \"Thông tin CLB\".", "Fill in the value next to the label in \"Thông tin CLB\".")),
        _r("S04", INFO, "", Txt("Dòng không phải dữ liệu đã bỏ qua", "Rows that are not data skipped"),
           Txt("Trang \"{sheet}\": bỏ qua {count} dòng không phải {noun}: dòng {rows} ({reasons})",
               "Sheet \"{sheet}\": {count} rows that are not {noun} skipped: rows {rows} ({reasons})"),
           Txt("Dòng tổng cộng, tên nhóm (thôn, tổ), dòng đánh số cột, phần ký tên và ghi chú cuối bảng không phải là thành viên hay hoạt động; nếu tính vào thì số liệu sẽ sai.",
               "Totals rows, group headings (hamlets), column numbers, the signature block and notes under a list are not members or activities; counting them would make the figures wrong."),
           Txt("Không cần sửa. Nếu có dòng bị bỏ qua nhầm, ghi đủ thông tin của dòng đó (họ tên, năm sinh, giới tính) và để phần ký tên ở dưới cùng danh sách.",
               "Nothing to correct. If a row was skipped by mistake, fill in its details (name, birth year, gender) and keep the signature block at the very end of the list.")),
        # --- V: values -------------------------------------------------------------------
        _r("V01", ERROR, "", Txt("Giá trị không đọc được", "Unreadable value"),
           {"": Txt("Cột \"{column}\": \"{value}\" không phải {kind}", "Column \"{column}\": \"{value}\" is not {kind}"),
            "blank": Txt("Cột \"{column}\" bắt buộc nhưng ô để trống: cần {kind}", "Column \"{column}\" is required but the cell is empty: {kind} is needed")},
           Txt("Giá trị sai kiểu làm sai các con số tổng hợp.", "A value of the wrong type makes the totals wrong."),
           Txt("Ngày ghi ngày/tháng/năm (15/12/2020); số tiền ghi số (3.000.000 hoặc 3 triệu); đánh dấu bằng x.",
               "Write dates day first (15/12/2020), amounts as numbers (3.000.000 or 3 triệu), marks as x.")),
        _r("V02", ERROR, "", Txt("Giá trị ngoài khoảng hợp lệ", "Value out of range"),
           {"birth_early": Txt("Năm sinh {value} trước năm 1900", "Birth year {value} is before 1900"),
            "birth_late": Txt("Năm sinh {value} sau năm báo cáo {year}", "Birth year {value} is after the reporting year {year}"),
            "age": Txt("Tuổi {value} lớn hơn 120", "Age {value} is over 120"),
            "negative": Txt("Số tiền âm: {value}", "Negative amount: {value}"),
            "repaid": Txt("Đã trả {value} nhiều hơn số tiền vay {amount}", "Repaid {value} is more than the loan {amount}"),
            "zero_loan": Txt("Khoản vay bằng 0", "A loan of 0"),
            "negative_count": Txt("Số âm: {value}", "Negative number: {value}")},
           Txt("Giá trị này không hợp lệ.", "This value is not valid."),
           Txt("Sửa lại giá trị trong ô.", "Correct the value in the cell.")),
        _r("V03", WARNING, "", Txt("Ngày ngoài kỳ báo cáo", "Date outside the period"),
           {"": Txt("Ngày {value} nằm ngoài kỳ báo cáo ({start} - {end})", "Date {value} is outside the reporting period ({start} - {end})"),
            "many": Txt("{count} ngày nằm ngoài kỳ báo cáo ({start} - {end}): {where}; có thể tệp là của kỳ khác, kiểm tra Năm báo cáo và Kỳ báo cáo (hoặc --period)",
                        "{count} dates are outside the reporting period ({start} - {end}): {where}; the file may be of another period: check its year and period (or --period)")},
           Txt("Hoạt động ngoài kỳ không được tính vào báo cáo kỳ này.", "Activities outside the period do not count for this report."),
           Txt("Kiểm tra năm của ngày, hoặc chuyển dòng sang tệp của kỳ đúng.", "Check the year of the date, or move the row to the right period's file.")),
        _r("V04", WARNING, "", Txt("Thành viên trùng", "Duplicate member"),
           {"": Txt("Thành viên \"{name}\" (sinh {birth}) trùng với dòng {other}", "Member \"{name}\" (born {birth}) repeats row {other}"),
            "code": Txt("Mã TV \"{member_code}\" trùng với dòng {other}", "Member code \"{member_code}\" repeats row {other}")},
           Txt("Một người ghi hai lần làm sai số thành viên và các tỷ lệ.", "A person listed twice makes the member count and shares wrong."),
           Txt("Xóa dòng trùng, hoặc sửa tên/mã nếu là hai người khác nhau.", "Delete the repeated row, or fix the name/code if they are two people.")),
        _r("V05", WARNING, "", Txt("Giá trị ngoài danh mục", "Unknown category value"),
           Txt("\"{value}\" không có trong danh mục {kind}{suggest}", "\"{value}\" is not a known {kind}{suggest}"),
           Txt("Giá trị ngoài danh mục không được tính vào chỉ số nào.", "A value outside the list counts toward no figure."),
           Txt("Chọn giá trị từ danh sách thả xuống của mẫu (clbtool template).", "Pick a value from the form's drop-down (clbtool template).")),
        # --- C: composition --------------------------------------------------------------
        _r("C01", ERROR, "II.3", Txt("Số thành viên chưa đúng quy mô kế hoạch", "Club size outside the plan"),
           {"low": Txt("Số thành viên đang sinh hoạt {count} ít hơn mức tối thiểu {min}" + _PLAN_REF.vi,
                       "Active members {count} fewer than the minimum {min}" + _PLAN_REF.en),
            "high": Txt("Số thành viên đang sinh hoạt {count} nhiều hơn mức tối đa {max}" + _PLAN_REF.vi,
                        "Active members {count} more than the maximum {max}" + _PLAN_REF.en)},
           Txt("Kế hoạch II.3: \"mỗi CLB có từ 50-70 người\".", "Plan II.3: \"each club has 50-70 people\"."),
           Txt("Kết nạp thêm, hoặc tách CLB; kiểm tra cột Ngày ra của người đã rời CLB.",
               "Recruit, or split the club; check the leaving date of members who left."),
           "members.min, members.max"),
        _r("C02", ERROR, "II.3", Txt("Tỷ lệ người cao tuổi chưa đạt kế hoạch", "Share of older people below the plan"),
           {"low": Txt("Tỷ lệ người cao tuổi {share} ({count}/{total}) thấp hơn mức tối thiểu {min}" + _PLAN_REF.vi,
                       "Share of older people {share} ({count}/{total}) below the minimum {min}" + _PLAN_REF.en),
            "high": Txt("Tỷ lệ người cao tuổi {share} ({count}/{total}) cao hơn mức {aim} của kế hoạch; không phải lỗi" + _PLAN_REF.vi,
                        "Share of older people {share} ({count}/{total}) above the plan's {aim}; not a fault" + _PLAN_REF.en)},
           Txt("Kế hoạch II.3: \"có ít nhất 70% là người cao tuổi\" (từ đủ 60 tuổi).",
               "Plan II.3: \"at least 70% older people\" (aged 60 and over)."),
           Txt("Kiểm tra năm sinh; kết nạp thêm người cao tuổi.", "Check birth years; recruit more older people."),
           "shares.older.min, age.older"),
        _r("C03", ERROR, "II.3", Txt("Tỷ lệ phụ nữ chưa đạt kế hoạch", "Share of women below the plan"),
           {"low": Txt("Tỷ lệ phụ nữ {share} ({count}/{total}) thấp hơn mức tối thiểu {min}" + _PLAN_REF.vi,
                       "Share of women {share} ({count}/{total}) below the minimum {min}" + _PLAN_REF.en),
            "high": Txt("Tỷ lệ phụ nữ {share} ({count}/{total}) cao hơn mức {aim} của kế hoạch; không phải lỗi" + _PLAN_REF.vi,
                        "Share of women {share} ({count}/{total}) above the plan's {aim}; not a fault" + _PLAN_REF.en)},
           Txt("Kế hoạch II.3: \"60% - 70% là phụ nữ\".", "Plan II.3: \"60% - 70% women\"."),
           Txt("Kiểm tra cột Giới tính; kết nạp thêm phụ nữ.", "Check the gender column; recruit more women."),
           "shares.women.min, shares.women.aim"),
        _r("C04", ERROR, "II.3", Txt("Tỷ lệ nghèo, cận nghèo, khó khăn chưa đạt kế hoạch", "Share of poor members below the plan"),
           {"low": Txt("Tỷ lệ nghèo, cận nghèo, khó khăn {share} ({count}/{total}) thấp hơn mức tối thiểu {min}" + _PLAN_REF.vi,
                       "Share of poor, near-poor and difficult {share} ({count}/{total}) below the minimum {min}" + _PLAN_REF.en),
            "high": Txt("Tỷ lệ nghèo, cận nghèo, khó khăn {share} ({count}/{total}) cao hơn mức {aim} của kế hoạch; không phải lỗi" + _PLAN_REF.vi,
                        "Share of poor, near-poor and difficult {share} ({count}/{total}) above the plan's {aim}; not a fault" + _PLAN_REF.en)},
           Txt("Kế hoạch II.3: \"60% - 70% là người nghèo, cận nghèo, gia đình có hoàn cảnh khó khăn\".",
               "Plan II.3: \"60% - 70% poor, near-poor or families in difficult circumstances\"."),
           Txt("Kiểm tra cột Hoàn cảnh.", "Check the circumstance column."),
           "shares.poor.min, shares.poor.aim"),
        _r("C05", ERROR, "III.3", Txt("Thiếu tình nguyện viên chăm sóc tại nhà", "Too few home-care volunteers"),
           Txt("Đội tình nguyện viên có {count} người, ít hơn mức tối thiểu {min}" + _PLAN_REF.vi,
               "The volunteer team has {count}, fewer than the minimum {min}" + _PLAN_REF.en),
           Txt("Kế hoạch III.3: \"mỗi CLB tổ chức đội tình nguyện viên có ít nhất 05 tình nguyện viên\".",
               "Plan III.3: \"each club has a volunteer team of at least 5\"."),
           Txt("Đánh dấu x ở cột Tình nguyện viên cho các thành viên trong đội.", "Mark the team's members with x in the volunteer column."),
           "volunteers.min"),
        _r("C06", WARNING, "", Txt("Chủ nhiệm CLB", "Club chair"),
           {"none": Txt("Không có thành viên nào giữ chức vụ Chủ nhiệm", "No member holds the role of chair (Chủ nhiệm)"),
            "many": Txt("Có {count} Chủ nhiệm (dòng {rows}); mỗi CLB có một Chủ nhiệm", "{count} chairs (rows {rows}); a club has one chair")},
           Txt("Ban chủ nhiệm điều hành CLB; báo cáo cần biết ai là Chủ nhiệm.", "The board runs the club; reports name its chair."),
           Txt("Ghi \"Chủ nhiệm\" ở cột Chức vụ của đúng một thành viên.", "Write \"Chủ nhiệm\" in the role column of exactly one member.")),
        _r("C07", WARNING, "III.3", Txt("Chưa có tổ văn nghệ", "No arts team"),
           Txt("Không có thành viên nào thuộc tổ văn nghệ" + _PLAN_REF.vi, "No member is marked as in the arts team" + _PLAN_REF.en),
           Txt("Kế hoạch III.3: \"các CLB đều có tổ văn nghệ\".", "Plan III.3: \"every club has an arts team\"."),
           Txt("Đánh dấu x ở cột Tổ văn nghệ.", "Mark the arts team's members with x.")),
        # --- A: activities -----------------------------------------------------------------
        _r("A01", ERROR, "III.3", Txt("Lĩnh vực hoạt động chưa có hoạt động", "Activity area with no activity"),
           Txt("Không có hoạt động nào thuộc lĩnh vực \"{area}\" ({area_code}) trong kỳ báo cáo" + _PLAN_REF.vi,
               "No activity in the area \"{area}\" ({area_code}) in the period" + _PLAN_REF.en),
           Txt("Kế hoạch III.3 giao cho CLB các nhóm hoạt động; mỗi nhóm cần có hoạt động trong năm.",
               "Plan III.3 sets the club's activity areas; each needs activities in the year."),
           Txt("Ghi các hoạt động vào trang \"Hoạt động\" với cột Lĩnh vực (mã KT, SK, ... hoặc tên).",
               "Record activities in the \"Hoạt động\" sheet with their area (code KT, SK, ... or name)."),
           "areas"),
        _r("A02", WARNING, "III.3", Txt("Tháng không sinh hoạt", "Months without a session"),
           Txt("{count} tháng không có buổi sinh hoạt nào: {months}", "{count} months with no club session: {months}"),
           Txt("CLB sinh hoạt định kỳ hằng tháng.", "The club meets every month."),
           Txt("Ghi đủ các buổi sinh hoạt vào trang \"Hoạt động\".", "Record every session in the \"Hoạt động\" sheet.")),
        _r("A03", WARNING, "I.2.a", Txt("Thành viên chưa được truyền thông sức khỏe", "Members without health-care knowledge"),
           {"": Txt("{count}/{total} thành viên chưa được truyền thông kiến thức chăm sóc sức khỏe (kế hoạch: {target}); dòng {rows}" + _PLAN_REF.vi,
                    "{count}/{total} members received no health-care knowledge (plan: {target}); rows {rows}" + _PLAN_REF.en),
            "no_column": Txt("Không có cột \"Truyền thông sức khỏe\": không rõ thành viên nào đã được truyền thông (kế hoạch: {target})" + _PLAN_REF.vi,
                             "No \"Truyền thông sức khỏe\" column: unknown who received health-care knowledge (plan: {target})" + _PLAN_REF.en)},
           Txt("Kế hoạch I.2.a: \"100% các thành viên CLB được cung cấp kiến thức về chăm sóc sức khỏe\".",
               "Plan I.2.a: \"100% of members get health-care knowledge\"."),
           Txt("Đánh dấu x ở cột Truyền thông sức khỏe khi thành viên đã được truyền thông.", "Mark x in the health-knowledge column."),
           "health.knowledge_share"),
        _r("A04", WARNING, "I.2.a", Txt("Nhu cầu vốn chưa được đáp ứng", "Capital need not met"),
           Txt("{count} thành viên cần vốn nhưng chưa được vay hoặc kết nối vay; dòng {rows}" + _PLAN_REF.vi,
               "{count} members need capital with neither a loan nor a lender connection; rows {rows}" + _PLAN_REF.en),
           Txt("Kế hoạch I.2.a: người khó khăn có nhu cầu vốn \"được hỗ trợ vốn, sinh kế hoặc kết nối với các đơn vị cung cấp dịch vụ cho vay vốn\".",
               "Plan I.2.a: members in need of capital are supported or connected to a lender."),
           Txt("Ghi khoản vay vào trang \"Vay vốn\", hoặc đánh dấu cột Đã kết nối vay.", "Record the loan, or mark the lender-connected column.")),
        _r("A05", WARNING, "III.3", Txt("Chưa có chăm sóc tại nhà", "No home-care visit"),
           Txt("CLB có {count} tình nguyện viên nhưng không có lần chăm sóc tại nhà nào trong kỳ" + _PLAN_REF.vi,
               "The club has {count} volunteers but no home-care visit in the period" + _PLAN_REF.en),
           Txt("Kế hoạch III.3: tình nguyện viên chăm sóc người cần giúp đỡ tại nhà.", "Plan III.3: volunteers care for people in need at home."),
           Txt("Ghi các lần thăm, chăm sóc vào trang \"Chăm sóc tại nhà\".", "Record the visits in the \"Chăm sóc tại nhà\" sheet.")),
        # --- X: across sheets and files --------------------------------------------------------
        _r("X01", ERROR, "", Txt("Người vay không phải thành viên", "Borrower not a member"),
           Txt("Người vay \"{who}\" không phải thành viên của CLB", "Borrower \"{who}\" is not a member of the club"),
           Txt("Quỹ CLB cho thành viên vay.", "The club's fund lends to its members."),
           Txt("Sửa Mã TV / họ tên cho khớp trang \"Thành viên\".", "Make the code/name match the \"Thành viên\" sheet.")),
        _r("X02", WARNING, "", Txt("Tình nguyện viên không có trong đội", "Volunteer not in the team"),
           Txt("\"{who}\" không phải thành viên được đánh dấu tình nguyện viên", "\"{who}\" is not a member marked as volunteer"),
           Txt("Lần chăm sóc do tình nguyện viên của CLB thực hiện.", "Home care is given by the club's volunteers."),
           Txt("Đánh dấu x cột Tình nguyện viên cho người này, hoặc sửa tên.", "Mark this member as volunteer, or fix the name.")),
        _r("X03", WARNING, "", Txt("Năm báo cáo không khớp", "Reporting year mismatch"),
           Txt("Năm báo cáo trong tệp là {found}, khác với {expected} ({source})", "The workbook's reporting year is {found}, not {expected} ({source})"),
           Txt("Tệp của năm khác sẽ bị cộng nhầm vào báo cáo.", "A file of another year would be added to the wrong report."),
           Txt("Sửa Năm báo cáo, hoặc chuyển tệp vào thư mục đúng năm.", "Fix the year, or move the file to the right year's folder.")),
        _r("X04", WARNING, "", Txt("Địa bàn không có trong kế hoạch", "Unknown district or commune"),
           Txt("{kind} \"{value}\" không có trong danh sách của kế hoạch{suggest}", "{kind} \"{value}\" is not in the plan's list{suggest}"),
           Txt("Tổng hợp theo đơn vị cần tên đơn vị đúng như kế hoạch.", "Totals per unit need the plan's unit names."),
           Txt("Sửa tên cho đúng (xem clbtool plan).", "Fix the name (see clbtool plan).")),
        # --- T: totals ---------------------------------------------------------------------------
        _r("T01", ERROR, "", Txt("CLB trùng", "Duplicate club"),
           Txt("CLB \"{club}\" có trong {count} tệp: {paths}; chỉ tính một lần", "Club \"{club}\" is in {count} files: {paths}; counted once"),
           Txt("Một CLB tính hai lần làm sai số liệu toàn tỉnh.", "A club counted twice makes the totals wrong."),
           Txt("Giữ một tệp cho mỗi CLB mỗi kỳ.", "Keep one file per club per period.")),
        _r("T02", WARNING, "V.11", Txt("Thiếu báo cáo", "Missing report"),
           {"club": Txt("CLB \"{club}\" ({unit}) báo cáo năm {previous} nhưng chưa có báo cáo năm {year}",
                        "Club \"{club}\" ({unit}) reported for {previous} but not for {year}"),
            "unit": Txt("{unit} chưa có báo cáo năm {year}", "No report from \"{unit}\" for {year}"),
            "rate": Txt("Đã có báo cáo của {received}/{expected} đơn vị theo kế hoạch ({share})", "Reporting rate: {received}/{expected} ({share})")},
           Txt("Kế hoạch V.11, VI: báo cáo định kỳ 6 tháng, hằng năm.", "Plan V.11, VI: reports every 6 months and yearly."),
           Txt("Nhắc đơn vị gửi báo cáo.", "Remind the unit to send its report.")),
        _r("T03", WARNING, "I.2", Txt("Số CLB dưới chỉ tiêu", "Clubs below target"),
           Txt("Có {actual} CLB, dưới chỉ tiêu {target} CLB năm {year}" + _PLAN_REF.vi, "{actual} clubs, below the target of {target} for {year}" + _PLAN_REF.en),
           Txt("Kế hoạch I.2 đặt chỉ tiêu số CLB theo năm.", "Plan I.2 sets the number of clubs per year."),
           Txt("Thành lập thêm CLB theo kế hoạch.", "Found the planned clubs.")),
        _r("T04", WARNING, "I.2", Txt("Số huyện có CLB dưới chỉ tiêu", "Districts below target"),
           Txt("Có {actual} đơn vị có CLB, dưới chỉ tiêu {target} năm {year}" + _PLAN_REF.vi, "{actual} units with a club, below the target of {target} for {year}" + _PLAN_REF.en),
           Txt("Kế hoạch I.2: mỗi huyện, thành phố xây dựng 01 CLB.", "Plan I.2: one club per district."),
           Txt("Thành lập CLB ở các huyện còn thiếu.", "Found clubs in the missing districts.")),
    ]
}  # fmt: skip


def rule(code: str) -> Rule:
    return RULES[code.upper()]
