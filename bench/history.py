#!/usr/bin/env python3
"""The largest orchestration histories of a task hub: counts the events of its History table on Azure Storage
(Azurite locally) per orchestration instance and execution (each generation of a district that continued as new is an
execution of its own) and prints the three largest as JSON, [[instance, execution], events]. Standard library only.
    python3 bench/history.py CONNECTION_STRING TASKHUB
"""
import base64
import collections
import hashlib
import hmac
import json
import sys
import urllib.parse
import urllib.request
from email.utils import formatdate


def count(connection, table):
    parts = dict(p.split("=", 1) for p in connection.split(";") if "=" in p)
    account, key = parts["AccountName"], base64.b64decode(parts["AccountKey"])
    endpoint = parts["TableEndpoint"].rstrip("/")
    counts = collections.Counter()
    token = {}
    while True:
        query = {"$select": "PartitionKey,ExecutionId", **token}
        date = formatdate(usegmt=True)
        # Shared Key Lite for the Table service signs the date and the resource only.
        signature = hmac.new(key, f"{date}\n/{account}/{account}/{table}()".encode(), hashlib.sha256).digest()
        request = urllib.request.Request(
            f"{endpoint}/{table}()?{urllib.parse.urlencode(query)}",
            headers={
                "x-ms-date": date,
                "x-ms-version": "2019-02-02",
                "Accept": "application/json;odata=nometadata",
                "Authorization": f"SharedKeyLite {account}:{base64.b64encode(signature).decode()}",
            })
        with urllib.request.urlopen(request) as response:
            for event in json.load(response)["value"]:
                counts[(event["PartitionKey"], event.get("ExecutionId"))] += 1
            next_partition = response.headers.get("x-ms-continuation-NextPartitionKey")
            next_row = response.headers.get("x-ms-continuation-NextRowKey")
        if not next_partition:
            return counts
        token = {"NextPartitionKey": next_partition, "NextRowKey": next_row or ""}


if __name__ == "__main__":
    print(json.dumps(count(sys.argv[1], sys.argv[2] + "History").most_common(3)))
