"""Helpers for the Lambda handler tests: loading handlers and reading published alerts."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3

MODULES = Path(__file__).resolve().parents[2] / "terraform" / "modules"
FUNCTIONS = {
    "grant_revoker": MODULES / "time-limited-access" / "functions" / "grant_revoker",
    "window_renewer": MODULES / "business-hours" / "functions" / "window_renewer",
    "security_responder": MODULES / "security-response" / "functions" / "security_responder",
}


def load_handler(function: str) -> ModuleType:
    """Import a function's handler.py under a unique name, leaving no bytecode beside it."""
    path = FUNCTIONS[function] / "handler.py"
    spec = importlib.util.spec_from_file_location(f"ztiam_lambda_{function}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    previous, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = previous
    return module


class AlertInbox:
    """An SNS topic with an SQS queue subscribed, to read what the handlers published."""

    def __init__(self) -> None:
        self.sqs = boto3.client("sqs")
        self.topic_arn = boto3.client("sns").create_topic(Name="ztiam-test-alerts")["TopicArn"]
        self.queue_url = self.sqs.create_queue(QueueName="ztiam-test-alerts")["QueueUrl"]
        attributes = self.sqs.get_queue_attributes(
            QueueUrl=self.queue_url, AttributeNames=["QueueArn"]
        )
        queue_arn = attributes["Attributes"]["QueueArn"]
        boto3.client("sns").subscribe(TopicArn=self.topic_arn, Protocol="sqs", Endpoint=queue_arn)

    def messages(self) -> list[dict[str, Any]]:
        """Drain the queue and return the published messages, decoded."""
        found: list[dict[str, Any]] = []
        while True:
            batch = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10)
            if not batch.get("Messages"):
                return found
            for message in batch["Messages"]:
                found.append(json.loads(json.loads(message["Body"])["Message"]))
                self.sqs.delete_message(
                    QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"]
                )
