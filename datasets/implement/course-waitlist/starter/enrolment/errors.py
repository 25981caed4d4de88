"""Domain errors. Each carries a stable machine-readable `code` that API clients switch on."""


class EnrolmentError(Exception):
    code = "enrolment_error"


class CourseNotFound(EnrolmentError):
    code = "course_not_found"

    def __init__(self, course_code: str) -> None:
        super().__init__(f"no course {course_code}")


class StudentNotFound(EnrolmentError):
    code = "student_not_found"

    def __init__(self, student_id: int) -> None:
        super().__init__(f"no student {student_id}")


class DuplicateCourse(EnrolmentError):
    code = "duplicate_course"

    def __init__(self, course_code: str) -> None:
        super().__init__(f"course {course_code} already exists")


class DuplicateStudent(EnrolmentError):
    code = "duplicate_student"

    def __init__(self, email: str) -> None:
        super().__init__(f"a student with email {email} already exists")


class CourseFull(EnrolmentError):
    code = "course_full"

    def __init__(self, course_code: str) -> None:
        super().__init__(f"course {course_code} has no seats left")


class AlreadyEnrolled(EnrolmentError):
    code = "already_enrolled"

    def __init__(self, course_code: str, student_id: int) -> None:
        super().__init__(f"student {student_id} is already on course {course_code}")


class NotEnrolled(EnrolmentError):
    code = "not_enrolled"

    def __init__(self, course_code: str, student_id: int) -> None:
        super().__init__(f"student {student_id} is not on course {course_code}")


class CapacityTooSmall(EnrolmentError):
    code = "capacity_too_small"

    def __init__(self, course_code: str, enrolled: int) -> None:
        super().__init__(f"course {course_code} already has {enrolled} students")
