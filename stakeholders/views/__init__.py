"""HTML pages of stage 2, engagement with key stakeholders, by concern: the register
(`register`), the communication log (`communications`), press lines (`press_lines`), status
reports and their schedules (`reports`), and the public signed report link (`links`)."""
