"""The chasing letter (văn bản đôn đốc): a .docx ready to sign, to one agency or to every agency
with overdue tasks, listing its overdue and soon-due tasks; issuing it is written on each task's
history."""
