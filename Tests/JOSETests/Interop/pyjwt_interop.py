"""Cross-check TokenLab's JOSE library against PyJWT.

Reads cases.json written by the Swift test: for each algorithm a private
JWK, the claims, and a token that TokenLab signed. For each case it
verifies TokenLab's token with PyJWT, signs the same claims with PyJWT,
and writes the PyJWT token, the public key as PEM and the key's RFC 7638
thumbprint (computed here, independently of TokenLab) to results.json.
Exits non-zero, naming the algorithm, when PyJWT rejects a token.
"""

import base64
import hashlib
import json
import sys

import jwt
from cryptography.hazmat.primitives import serialization


# The members that an RFC 7638 thumbprint covers, per key type (RFC 7638
# section 3.2, and RFC 8037 section 2 for OKP).
THUMBPRINT_MEMBERS = {
    "RSA": ("e", "kty", "n"),
    "EC": ("crv", "kty", "x", "y"),
    "OKP": ("crv", "kty", "x"),
    "oct": ("k", "kty"),
}


def thumbprint(jwk):
    members = {name: jwk[name] for name in THUMBPRINT_MEMBERS[jwk["kty"]]}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def public_pem(key):
    if isinstance(key, bytes):
        return None
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def main(directory):
    with open(f"{directory}/cases.json", encoding="utf-8") as handle:
        cases = json.load(handle)

    results = []
    for case in cases:
        algorithm = case["alg"]
        key = jwt.PyJWK(case["jwk"], algorithm).key
        verification_key = key if isinstance(key, bytes) else key.public_key()
        try:
            claims = jwt.decode(
                case["token"], verification_key, algorithms=[algorithm], audience=case["claims"]["aud"],
                issuer=case["claims"]["iss"], options={"require": ["exp", "iat", "sub"]},
            )
        except jwt.PyJWTError as error:
            print(f"PyJWT rejected the TokenLab {algorithm} token: {error!r}", file=sys.stderr)
            return 1
        if claims != case["claims"]:
            print(f"PyJWT read other claims from the {algorithm} token: {claims}", file=sys.stderr)
            return 1

        token = jwt.encode(
            case["claims"], key, algorithm=algorithm, headers={"kid": case["jwk"]["kid"], "typ": "at+jwt"}
        )
        results.append(
            {"alg": algorithm, "token": token, "publicPEM": public_pem(key), "thumbprint": thumbprint(case["jwk"])}
        )

    with open(f"{directory}/results.json", "w", encoding="utf-8") as handle:
        json.dump(results, handle)
    print(f"PyJWT {jwt.__version__} verified {len(cases)} TokenLab tokens and signed {len(results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
