# Grading image for `--sandbox docker:compose.yaml`: runs hidden tests in a container instead of
# bubblewrap. It holds only what graded code needs (the task runtime dependencies and pytest),
# never the datasets: hidden tests are copied in by the grader after the agent has answered.
FROM python:3.11-slim
RUN pip install --no-cache-dir \
    "pytest>=8.3" "fastapi>=0.115" "httpx>=0.27" "sqlalchemy>=2.0.30" "pydantic>=2.9" \
    "pyyaml>=6.0.2"
RUN useradd --create-home --uid 10001 grader
USER grader
WORKDIR /home/grader
CMD ["tail", "-f", "/dev/null"]
