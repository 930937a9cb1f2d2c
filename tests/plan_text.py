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

b) Kiểm soát xung đột lợi ích theo Điều 55, 56 Luật PCTN năm 2018 và Luật Đất đai năm 2024¹.

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
