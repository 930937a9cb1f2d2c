"""A small synthetic plan, laid out the way real plans are, for extraction tests."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

HEADER_TABLE = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BÌNH ĐỊNH | Độc lập - Tự do - Hạnh phúc
Số: /KH-UBND | Bình Định, ngày tháng 5 năm 2025

KẾ HOẠCH

Thực hiện công tác phòng, chống tham nhũng năm 2025
"""

BODY = """
Căn cứ Luật Phòng, chống tham nhũng ngày 20 tháng 11 năm 2018; Nghị định số 59/2019/NĐ- CP ngày 01/7/2019 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Phòng, chống tham nhũng; Chỉ thị 10/TTg ngày 22/4/2019 của Thủ tướng Chính phủ; Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

- Nâng cao hiệu quả công tác phòng, chống tham nhũng.

II. NHIỆM VỤ

1. Công khai, minh bạch

a) Sở Tư pháp chủ trì, phối hợp với các Sở: Nội vụ, Tài chính và các cơ quan, đơn vị có liên quan rà soát việc công khai theo khoản 1, 2 Điều 3 Luật PCTN và Điều 5 đến Điều 7 Nghị định nêu trên.

Thời gian thực hiện: quý III/2025.

b) Kiểm soát xung đột lợi ích theo Điều 55, 56 Luật PCTN năm 2018 và Luật Tín ngưỡng, tôn giáo năm 2016¹.

Đơn vị thực hiện: Thanh tra tỉnh (chủ trì); Sở Nội vụ (phối hợp).

Thời gian thực hiện: trước ngày 30/9/2025.

¹ Theo Kết luận số 05-KL/TW ngày 01/2/2021 và Thông tư liên tịch số 03/2018/TTLT-VKSTC-BCA-BQP-TTCP.

2. Giao Thanh tra tỉnh

- Theo dõi, đôn đốc việc thực hiện Kế hoạch này.

- Phối hợp Sở Nội vụ kiểm tra việc chuyển đổi vị trí công tác.

3. Đề nghị Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh chủ trì, phối hợp với Công an tỉnh đẩy nhanh tiến độ xử lý các vụ án tham nhũng; định kỳ 06 tháng báo cáo kết quả.

III. TỔ CHỨC THỰC HIỆN

1. Thủ trưởng các sở, ban, ngành tỉnh và Chủ tịch UBND các xã, phường chủ động triển khai Kế hoạch này; báo cáo kết quả về Thanh tra tỉnh trong tháng 12 năm 2025.

Trên đây là Kế hoạch thực hiện công tác phòng, chống tham nhũng năm 2025./.

Nơi nhận:
- Thanh tra Chính phủ;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
"""

PLAN = HEADER_TABLE + BODY

# A plan laid out the other common way: no type line above the title, top-level items
# numbered "1." (no Roman sections), decimal sub-items "2.1.", letters "a." and bullets
# without a space; its preamble is one paragraph that closes with the issuing sentence.
PLAN_DECIMAL = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI
TỈNH LÀO CAI | CHỦ NGHĨA VIỆT NAM
-------
Số: 45/KH-UBND | Lào Cai, ngày 10 tháng 02 năm 2021

CÔNG TÁC PHÒNG, CHỐNG THAM NHŨNG NĂM 2021

Căn cứ Luật Thanh tra; Văn bản hợp nhất số 18/VBHN-VPQH ngày 03/8/2020 của Văn phòng Quốc hội; Công ước của Liên hợp quốc về chống tham nhũng; Nghị định số 130/2020/NĐ-CP ngày 30/10/2020 của Chính phủ về kiểm soát tài sản, thu nhập của người có chức vụ, quyền hạn trong cơ quan, tổ chức, đơn vị, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

1. Mục đích, yêu cầu
-Nâng cao nhận thức của cán bộ, công chức.
2. Nhiệm vụ, giải pháp
2.1. Công tác tuyên truyền
a. Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ tổ chức phổ biến Luật Tố cáo. Thời gian: quý II/2021.
b. Các sở, ban, ngành tỉnh tổ chức quán triệt Kế hoạch này trong tháng 3 năm 2021.
2.2 Công tác kê khai tài sản
-Giao Thanh tra tỉnh hướng dẫn kê khai tài sản, thu nhập; hoàn thành trước ngày 31/12/2021.
3. Tổ chức thực hiện
3.1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh giám sát việc thực hiện Kế hoạch.

Nơi nhận:
- Thanh tra Chính phủ;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Trần Văn Bình
"""
