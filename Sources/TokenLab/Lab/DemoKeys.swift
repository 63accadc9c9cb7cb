import JOSE

/// Fixed signing keys for the lab. Demo-only: they are printed here, in a
/// public repository, so anyone can sign tokens that verify with them.
///
/// They are fixed rather than generated so a lesson prints the same bytes
/// on every machine. RSA PKCS #1 v1.5 and Ed25519 signatures are
/// deterministic, so a token signed with them is too.
enum DemoKeys {
    /// A 2048-bit RSA key for RS256, made once with
    /// `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`.
    static let rsaPEM = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC9JSShasF5C+EC
        eUERiCHYvjOy0oa3/94F27hCq/u3WMzR6i2rCtwFtHH20olm8X4joM8BWzmIe3zZ
        3yYyVf2ilvn0t+BAYPKOTR6XXdJhUXbIbZEBmEA/AYhIp5ucH4Yyw0TGh1iGBp1B
        sFu1GWs3iCX5JALgRMN0H/UEBnAlwIHFYdI5f3jwXw7WVnrHDSDJKqkAeJ2XU1mZ
        TfG5A7lOXW52v8rDpzJ0081ZtxQfDvmaap/WSU/idY89WHsb3RtQnyznrjhYmtX/
        ykIrVPUK37u+q0no4lQ/eDXzSqy0MhQWrA25wTD9cm4oIgUMuh394nPrfZZNMmNT
        n2eb+f7tAgMBAAECggEAXKwMLIJP1Oz7C+k49kwKuVVHoz/+/bwBnkEvIIt/Qy/g
        +qCQS5OAhdMJW3OAGs4LjY1Gn1WA9Nv8KgtpfZQgNz9drIdC+ogFj689Y9B2OXRe
        jIkSWQOtxrELgv2MAox3hfuigNrjhpdLCVpNNIgFvimY4V7Bgfxu/0CBHb3ByNyX
        Qz+USbBYG+Ystsa7Ba+3xeL8gQT6XeQHzP5fzc4+Vfwz82qWPtciu7wqyM1W/W+7
        dGoNXsLpksHbUE1RcrTQThV55JLEexswkTDbqIOHnd0ryj6JsVv/KmBzCa1BdmJY
        P5sWwwPoZVWzY0bBYPEgv5gOyYwx0uxzWkJUub+ySQKBgQDoin5SK61YZfn4hNaU
        wvah8FZxDUjHec8kYlfZTcRUGfumhYVpkZNWoXiPkzs1VkrL+SPPwQKShTJmlmpI
        prZQ/QE5NUAANCWRDS3LYKjqvoPuP0QiCsVIgvItyQ6P5WPoA8zLAhFR2N6UzyjW
        /FfB+YUcT2rJDUSeEXLQNYaMpwKBgQDQOezdHa5lQy5wKXMgxUoxsP3pf+QubcPx
        eKuHgfQFc7ItW1Ky4yt2AjZO4HUknjPuU5BOUI7rwGHWNtSrvI1PUXtqM4R8gB0Y
        VHzCGxcQM+yeo7EL1jka7eCCcpd8Ph7JNsUfnw/yNBNTNXZYLXrq4VOc1LPy50Fi
        iUKm1aImSwKBgEnf1YmdPpCatPLyoIjZ9ygzBgMcSUa1t8zDQU1Tm09sgbnBKUUE
        bl5TJc3W5DRpmZF7MJlLo9mQXxagKluyOrE37y+RbyehaV3PZgD6UC9jHt6NUsPN
        0CbdErrg6LNmGHsY2fKUUZRC5VM5DKxftjF1Z4g64p3EjUv6FxN2Lax5AoGAQ7Qh
        5P9qnfhLGCMSEPy1FBUlag+wZLxB8ri2pRfG/SLSM1c3O30Lu5IakGkBDcf2wK4h
        BKXC4rqp1Rn86l4jYD/xLeXUVRre2vNVoVNnm1gWvrogreWYqb3guumBgd886VXK
        oG56o9j006BVe3RGPCrJofuzCu7QXracmlxqHaMCgYEAgjjW4y6VINeS7qjSDMZl
        lfDgL5zjXMrIWtdyE/DeHr82s6EQaNRuKhqkOHwCEw2juJ0/NM4CRJ7WDuiXfgm2
        xSybtO//7PsVpt3jIGFLLA9G0m0H1HA39FI7ckM75AmbhHz4C5qaSt2Pi3OSoDfc
        Ep6YUTHaA2nLBCUjheLDztk=
        -----END PRIVATE KEY-----
        """

    /// An Ed25519 key for EdDSA, made once with `openssl genpkey -algorithm ed25519`.
    static let ed25519PEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIDEjQg8oIYH5breK9S5rSTq8hl8BIsS404BQ4UnR6zpt
        -----END PRIVATE KEY-----
        """

    /// The RSA key `key rotate` moves to from `demo-rsa-1` (and back),
    /// made the same way.
    static let rsaNextPEM = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDitvuimhJHI9KN
        tU3rni3lBDgseX/4ZZS/dM3ia1by6osXj3773VIcvU9U3LF9Xg+68WagVq2MWAUu
        cCDhtDZVpyuhld3HoT3rmk+3eWMT1tZztrNTGiW9zZBYScu7tjmRSYjU/l2zYk/1
        6n6m2IKt0Ru+lu8bQh6PjNQ39c67xmuMhjfdDQRL4hnlUe4+1H8R/52Owkz/hgmO
        xBFUhxt4WzxdiXehUQauf2nQZ+W19xM+e5RrxLtAdM9/9WNdpkc6+5u83T8QV35y
        Zn4x9lSDxcEwE2XMIxu0A8bGVVjj0LzSes6Ryna0j9fqTtU9u5PgSjNYtmyHANd2
        5V1Bvi+zAgMBAAECggEAAPHa3GOAkv8eHmZ0g8UkRmsjlS/c1CfcNexvLs116DI8
        Nr9roiVBQj4AHO4eGtPv0QtQSBFd//k37Rvp6MOryRfJ8agihSi+jZyv6CeF10XS
        0MDT2eAaHlxDPAYms32mNMN8YfxwK7iyDs5ic7ojchHIG1Dp5l1HeLkRNobimY61
        znV4IneuXiYOTBhaR+lgYCcam55sBiiE7sNbQL15/XtLFjCYC0qZ4Wocc4CAnfGm
        CbBRJ4yOS1W3ZA06HyorlTXyDYlYycLY2x2iYaC4sC+hToHGBNkWi2cxnJLYKo4D
        /UzrqyAdI8P9FNM/nbnCzi0hh+9Uwt8Cn1GRFsYFBQKBgQD8W6FERcDW1lafT4P4
        8u3rn3/myHn3wLqYDl2xSpohn383O0GbY63n/9Z3PIcPtKBM4DjegW3xH9PHfQoC
        pCt3Pldpt12eVfweCtoaDtcnJ6aOcwZocDB78zOA+VsD+2Ec/XqcFq7eNHJcNkM0
        hraeC/IS+3P5N219GjVwMjJvZwKBgQDl/JxnatnIkYzvhep6KFHrKL7uPxVkiw6p
        kuBoYnsmIYW3cMIQR4f2RC5GphtnoaoIIz9jpQ55/V+T5jf8tpTTwRc/KWaTmNv4
        S7ebenvGnYjBL7Yp3WTl+L1S3GRoCAsAXiGA5ZyE1awD/HozWKVpX8sLBh5FYHms
        uy+XQJAp1QKBgQCV9lmZ+Z2DzXFCUH1LVgk+iNT3rtCUAsqfi4Hv1jZLnr15c9Qj
        5BM3F5g52RUlpx/PLzt8NgvASzqNhGeLdEWEId7OKrIOYmhk7ev3qjP+x5g5dG8t
        ZuXY8of7r7J/ZkWqdZMD6JLX5vDCjVhYgWlJ+C1NTHH5eg+tVQLGfn3sJwKBgA8v
        QYhWdrCWY47A8b1FAjubgheq1JfB0qMBjo11yxm2ZuS4ridzAZgR4lhJyU9rThWh
        diL3F+CYCQJz1ch6qZLdkdJawmoGUqevIB1E1f1EE25l3woekvXYGW/qGzr/JPLO
        RDoFbvMaRHQy7EKNnMY7S+Wbbs4303DDHx5GZf5NAoGAZATawz1Muq6poAxkJ4XU
        5gpf75eLDvYgtUNY3Kmxvli7QUnFXhZC3UoJWPye3C/BH2YH89IWrnUgOMuRdHmz
        LMLNaITjwPyaxI8mjOq6JelB/E+QkHZiQ1CI36BAeEyMCF7Le8HYRnagA12ttwXw
        DQuSVHRQGTdfzRVCPfpKK6M=
        -----END PRIVATE KEY-----
        """

    /// The Ed25519 key `key rotate` moves to from `demo-ed25519-1` (and
    /// back), made the same way.
    static let ed25519NextPEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEICb0TjvaOvlyKts9/Cuyp2CRWdJ68Uai9niPdRarD2hr
        -----END PRIVATE KEY-----
        """

    /// The weak HS256 secret of the forgery lesson: a word from every
    /// dictionary of leaked passwords.
    static let weakSecret = "secret123"

    static func rsa() throws -> AsymmetricKey {
        try AsymmetricKey(pem: rsaPEM, algorithm: .rs256, keyID: "demo-rsa-1")
    }

    static func ed25519() throws -> AsymmetricKey {
        try AsymmetricKey(pem: ed25519PEM, algorithm: .edDSA, keyID: "demo-ed25519-1")
    }

    /// Returns the demo keys of `algorithm` in rotation order. `key rotate`
    /// steps through them and wraps around.
    static func rotation(for algorithm: JWSAlgorithm) throws -> [AsymmetricKey] {
        switch algorithm {
        case .rs256:
            [try rsa(), try AsymmetricKey(pem: rsaNextPEM, algorithm: .rs256, keyID: "demo-rsa-2")]
        case .edDSA:
            [try ed25519(), try AsymmetricKey(pem: ed25519NextPEM, algorithm: .edDSA, keyID: "demo-ed25519-2")]
        default:
            []
        }
    }
}
