#!/usr/bin/env python3
"""People for the policy-fetch benchmark: an RSA key the server trusts, and an OIDC access token per person.

  people.py keys DIR                     writes DIR/public.b64 (the public key, base64 DER, for quarkus.oidc.public-key)
  people.py tokens DIR N GROUPS ISSUER   writes DIR/tokens.txt: one RS256 token per line for N people, each in one of
                                         GROUPS groups (g00, g01, ...) and every fourth also in one of the first ten
  people.py etags DIR URL ENROLLMENT [SEND]
                                         fetches each person's policy once with their token and writes DIR/people.txt:
                                         the header to send on later fetches, a tab, its value, a tab, the ETag of
                                         their bundle. SEND "handle" (the default): the policy session handle the
                                         server gave for the token, as the extension sends it; "token": the token
                                         again. Prints how many distinct bundles they got
  people.py org DIR ETAG                 writes DIR/org.txt: a request naming nobody for every line of people.txt, each
                                         with the organization bundle's ETag and a distinct query as many bytes long
                                         as that person's header line ("Name: value" and its line end)
"""
import http.client
import urllib.parse
import base64
import json
import sys
import time

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def keys(directory: str) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with open(f"{directory}/private.pem", "wb") as out:
        out.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()))
    der = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    with open(f"{directory}/public.b64", "w") as out:
        out.write(base64.b64encode(der).decode())


def groups_of(person: int, groups: int) -> list:
    names = [f"g{person % groups:02d}"]
    if person % 4 == 0:
        extra = f"g{(person // 4) % 10:02d}"
        if extra not in names:
            names.append(extra)
    return names


def tokens(directory: str, people: int, groups: int, issuer: str) -> None:
    with open(f"{directory}/private.pem", "rb") as source:
        key = serialization.load_pem_private_key(source.read(), password=None)
    header = b64url(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    now = int(time.time())
    with open(f"{directory}/tokens.txt", "w") as out:
        for person in range(people):
            claims = {"iss": issuer, "aud": "promptgate", "sub": f"person-{person}", "email": f"person{person}@bench.example",
                      "preferred_username": f"person{person}", "groups": groups_of(person, groups),
                      "iat": now, "exp": now + 3 * 3600}
            signing_input = f"{header}.{b64url(json.dumps(claims).encode())}"
            signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
            out.write(f"{signing_input}.{b64url(signature)}\n")


def etags(directory: str, url: str, enrollment: str, send: str) -> None:
    target = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(target.hostname, target.port)
    seen = set()
    with open(f"{directory}/tokens.txt") as source, open(f"{directory}/people.txt", "w") as out:
        for line in source:
            token = line.strip()
            connection.request("GET", target.path, headers={"Authorization": f"Bearer {enrollment}",
                                                            "X-Promptgate-User-Token": token})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"policy fetch with a person's token answered {response.status}")
            etag = response.getheader("ETag")
            seen.add(etag)
            if send == "token":
                out.write(f"X-Promptgate-User-Token\t{token}\t{etag}\n")
            else:
                handle = response.getheader("X-Promptgate-Session")
                if not handle:
                    raise SystemExit("the server gave no policy session handle for a verified token")
                out.write(f"X-Promptgate-Session\t{handle}\t{etag}\n")
    print(len(seen))


def org(directory: str, etag: str) -> None:
    with open(f"{directory}/people.txt") as people, open(f"{directory}/org.txt", "w") as out:
        for number, line in enumerate(people):
            name, value, _ = line.rstrip("\n").split("\t")
            length = len(name) + len(": ") + len(value) + len("\r\n")
            query = f"?n={number}"
            out.write(f"\t\t{etag}\t{query}{'x' * (length - len(query))}\n")


if __name__ == "__main__":
    if sys.argv[1] == "keys":
        keys(sys.argv[2])
    elif sys.argv[1] == "tokens":
        tokens(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    elif sys.argv[1] == "org":
        org(sys.argv[2], sys.argv[3])
    else:
        etags(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] if len(sys.argv) > 5 else "handle")
