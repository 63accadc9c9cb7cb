// The parts of OpenSSL 3's libcrypto that TokenLab calls: EVP digests, MACs
// and signatures, EVP_PKEY import and export (OSSL_PARAM, PEM), ECDSA
// signature encoding, big numbers, key derivation (PBKDF2, scrypt),
// RAND_bytes, CRYPTO_memcmp and the error queue.
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
