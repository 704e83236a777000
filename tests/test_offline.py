"""Nothing touches the network: sockets are blocked for the whole suite (pytest-socket, enabled
in pyproject's addopts), and loading a model and analysing work with them blocked."""
from __future__ import annotations

import socket

import pytest
from pytest_socket import SocketBlockedError


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_sockets_are_blocked_during_the_suite():
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)


def test_loading_and_analysing_need_no_network(lens_model_dir, monkeypatch):
    import mentalens
    from mentalens.cli.main import main

    attempts = []
    real_getaddrinfo = socket.getaddrinfo

    def record(*args, **kwargs):                 # name lookups are not sockets: watch them too
        attempts.append(args)
        return real_getaddrinfo(*args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", record)
    analyzer = mentalens.load(lens_model_dir)
    result = analyzer.analyze("I feel so alone, nobody would even notice if I was gone.", locale="en_US")
    assert result.tasks and result.triage.level != "none"
    assert main(["analyze", "some text", "--model", str(lens_model_dir), "--format", "jsonl"]) == 0
    assert attempts == []
