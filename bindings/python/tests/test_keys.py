import unittest

import rtdriver
from rtdriver import RtError
from tests.support import library, vectors

H = bytes.fromhex


def clear_protected(frame: bytes) -> bytes:
    """The vectors' plaintext headers already carry the Protected bit; encrypt takes it clear."""
    return frame[:1] + bytes([frame[1] & ~0x40]) + frame[2:]


def qos_frame(payload: bytes, tid: int = 0, from_ds: bool = True) -> bytes:
    fc = bytes([0x88, 0x02 if from_ds else 0x01])
    return fc + b"\x00\x00" + H("020304050608") + H("020304050607") + H("020304050607") + b"\x10\x00" + bytes([tid, 0]) + payload


class KeyTests(unittest.TestCase):
    def setUp(self):
        library()
        self.v = vectors()

    def test_ccmp_vector_encrypts_and_decrypts(self):
        v = self.v["ccmp128-80211i-D7.0-I.7.4-mpdu1"]
        with rtdriver.Key(rtdriver.CIPHER_CCMP, H(v["tk"]), v["key_id"]) as key:
            key.set_frame_flags(rtdriver.FRAME_FLAG_PRE_HT_ORDER)  # 802.11i vectors keep the Order bit
            key.set_tx_pn(int(v["pn"], 16))
            self.assertEqual(key.encrypt(clear_protected(H(v["plaintext_mpdu"]))).hex(), v["expected_encrypted_mpdu"])
            self.assertEqual(key.get_tx_pn(), int(v["pn"], 16) + 1)
        with rtdriver.Key(rtdriver.CIPHER_CCMP, H(v["tk"])) as rx:
            rx.set_frame_flags(rtdriver.FRAME_FLAG_PRE_HT_ORDER)
            plain = rx.decrypt(H(v["expected_encrypted_mpdu"]))
            # Protected cleared (the vector's plaintext header already has it set), CCMP header and MIC removed.
            self.assertEqual(plain[1], H(v["plaintext_mpdu"])[1] & ~0x40)
            self.assertEqual(plain[2:], H(v["plaintext_mpdu"])[2:])
            self.assertEqual(rx.get_rx_pn(rtdriver.RX_TID_NON_QOS), int(v["pn"], 16))
            with self.assertRaises(RtError) as ctx:
                rx.decrypt(H(v["expected_encrypted_mpdu"]))
            self.assertEqual((ctx.exception.status, ctx.exception.name), (rtdriver.ERR_REPLAY, "RT_ERR_REPLAY"))
            self.assertTrue(ctx.exception.message)

    def test_tkip_vector_with_the_standards_michael_key(self):
        v = self.v["tkip-80211-2012-M.6.3"]
        tk = H(v["tk"])
        # The vector's frame is sent FromDS with Michael key 3456789012345678 (bytes 16..23 of its key).
        with rtdriver.Key(rtdriver.CIPHER_TKIP, H(v["key_32_bytes_as_in_standard"])) as key:
            key.set_tx_pn(int(v["tsc"], 16))
            self.assertEqual(key.encrypt(clear_protected(H(v["plaintext_mpdu_without_mic"]))).hex(), v["expected_encrypted_mpdu"])
        rx_layout = tk + H("9012345678901234") + H(v["michael_tx_key"])
        with rtdriver.Key(rtdriver.CIPHER_TKIP, rx_layout) as rx:
            self.assertEqual(rx.decrypt(H(v["expected_encrypted_mpdu"]))[2:], H(v["plaintext_mpdu_without_mic"])[2:])

    def test_every_cipher_round_trips_single_batch_and_msdu(self):
        lengths = {rtdriver.CIPHER_WEP40: 5, rtdriver.CIPHER_WEP104: 13, rtdriver.CIPHER_TKIP: 32,
                   rtdriver.CIPHER_CCMP: 16, rtdriver.CIPHER_CCMP256: 32, rtdriver.CIPHER_GCMP: 16, rtdriver.CIPHER_GCMP256: 32}
        for cipher, n in lengths.items():
            with self.subTest(cipher=cipher):
                material = bytes(range(1, n + 1))
                rx_material = material if cipher != rtdriver.CIPHER_TKIP else material[:16] + material[24:32] + material[16:24]
                tx, rx = rtdriver.Key(cipher, material), rtdriver.Key(cipher, rx_material)
                frames = [qos_frame(bytes([i]) * (i * 37 % 400)) for i in range(1, 9)]
                protected = [tx.encrypt(f) for f in frames]
                for f, p in zip(frames, protected):
                    self.assertNotEqual(p, f)
                    self.assertEqual(rx.decrypt(p)[2:], f[2:])
                batch = tx.encrypt_batch(frames)
                self.assertTrue(all(s == rtdriver.OK for s, _ in batch))
                back = rx.decrypt_batch([p for _, p in batch])
                self.assertEqual([b[2:] for _, b in back], [f[2:] for f in frames])
                # A batch reports per-frame status: the same frames again are replays (WEP has no PN).
                again = rx.decrypt_batch([p for _, p in batch])
                expected = rtdriver.OK if cipher in (rtdriver.CIPHER_WEP40, rtdriver.CIPHER_WEP104) else rtdriver.ERR_REPLAY
                self.assertTrue(all(s == expected for s, _ in again))
                msdu = qos_frame(bytes(range(256)) * 6)
                fragments = tx.encrypt_msdu(msdu, 600)
                self.assertGreater(len(fragments), 1)
                results = [rx.decrypt_msdu(f) for f in fragments]
                self.assertEqual(results[:-1], [None] * (len(fragments) - 1))
                self.assertEqual(results[-1][2:], msdu[2:])
                tx.close()
                rx.close()

    def test_tamper_and_bad_arguments_raise_with_status_and_sentence(self):
        key = rtdriver.Key(rtdriver.CIPHER_CCMP, bytes(16))
        p = bytearray(key.encrypt(qos_frame(b"hello world" * 4)))
        p[-1] ^= 1
        with self.assertRaises(RtError) as ctx:
            rtdriver.Key(rtdriver.CIPHER_CCMP, bytes(16)).decrypt(bytes(p))
        self.assertEqual(ctx.exception.status, rtdriver.ERR_MIC)
        with self.assertRaises(RtError) as ctx:
            rtdriver.Key(99, bytes(16))
        self.assertEqual(ctx.exception.name, "RT_ERR_INVALID_ARGUMENT")
        self.assertIn("99", ctx.exception.message)
        with self.assertRaises(RtError) as ctx:
            rtdriver.Key(rtdriver.CIPHER_CCMP, bytes(15))
        self.assertIn("15", str(ctx.exception))
        with self.assertRaises(RtError) as ctx:
            key.set_rx_pn(99, 0)
        self.assertEqual(ctx.exception.status, rtdriver.ERR_INVALID_ARGUMENT)
        key.close()
        with self.assertRaises(RtError):
            key.encrypt(b"x" * 30)

    def test_michael_failures_raise_events_then_countermeasures(self):
        material = bytes(range(1, 33))
        tx = rtdriver.Key(rtdriver.CIPHER_TKIP, material)
        wrong_rx = rtdriver.Key(rtdriver.CIPHER_TKIP, material[:16] + bytes(16))  # wrong Michael keys
        self.assertIsNone(wrong_rx.next_event())
        for i in range(2):
            with self.assertRaises(RtError) as ctx:
                wrong_rx.decrypt(tx.encrypt(qos_frame(b"payload" * 10)))
            self.assertEqual(ctx.exception.status, rtdriver.ERR_MIC)
            ev = wrong_rx.next_event()
            self.assertEqual(ev.type, rtdriver.KEY_EVENT_MICHAEL_MIC_FAILURE)
            self.assertFalse(ev.group)
            self.assertEqual(ev.tsc, i + 1)
            self.assertEqual(ev.src_addr, "02:03:04:05:06:07")
            self.assertEqual(ev.countermeasures, i == 1)
        self.assertTrue(wrong_rx.countermeasures)
        with self.assertRaises(RtError) as ctx:
            wrong_rx.decrypt(tx.encrypt(qos_frame(b"x" * 20)))
        self.assertEqual(ctx.exception.status, rtdriver.ERR_STATE)
        wrong_rx.clear_countermeasures()
        self.assertFalse(wrong_rx.countermeasures)


if __name__ == "__main__":
    unittest.main()
