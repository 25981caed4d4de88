"""Course enrolment service: courses with a seat limit, students, and who sits where."""
