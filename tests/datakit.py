"""Small data shared by the storage and desktop tests: a user's own question bank."""

# A consultant's bank, as a café would add it to the data folder's question_banks/.
USER_BANK = """\
format = 1
id = "ko-cafe"
title = "우리 카페 질문"
language = "ko"

[[questions]]
id = "why-us"
text = "우리 카페 프로그램에 온 이유를 말씀해 주세요."
category = "motivation"
"""
