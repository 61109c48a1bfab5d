import unittest

import rtdriver
from rtdriver import mac_bytes, mac_str
from tests.support import library


class MacTests(unittest.TestCase):
    def test_strings_and_bytes_are_accepted(self):
        self.assertEqual(mac_bytes("00:0d:93:eb:b0:8c"), bytes.fromhex("000d93ebb08c"))
        self.assertEqual(mac_bytes("00:0D:93:EB:B0:8C"), bytes.fromhex("000d93ebb08c"))
        self.assertEqual(mac_bytes(bytes.fromhex("000d93ebb08c")), bytes.fromhex("000d93ebb08c"))
        self.assertEqual(mac_bytes(bytearray(6)), bytes(6))
        self.assertEqual(mac_str(bytes.fromhex("000D93EBB08C")), "00:0d:93:eb:b0:8c")
        self.assertEqual(mac_str("00:0D:93:EB:B0:8C"), "00:0d:93:eb:b0:8c")

    def test_other_spellings_are_refused_naming_the_value(self):
        for bad in ("00-0d-93-eb-b0-8c", "000d93ebb08c", "00:0d:93:eb:b0", "00:0d:93:eb:b0:8c:00", "0:d:93:eb:b0:8c",
                    "00:0d:93:eb:b0:8g", "", " 00:0d:93:eb:b0:8c"):
            with self.subTest(bad=bad):
                with self.assertRaises(ValueError) as ctx:
                    mac_bytes(bad)
                self.assertIn(repr(bad), str(ctx.exception))
        with self.assertRaises(ValueError) as ctx:
            mac_bytes(bytes(5))
        self.assertIn("got 5", str(ctx.exception))
        with self.assertRaises(TypeError):
            mac_bytes(0x000D93EBB08C)

    def test_devices_take_either_form_and_list_strings(self):
        library()
        with rtdriver.Device("emu:rt2860") as dev:
            dev.set_key(rtdriver.CIPHER_CCMP, bytes(16), addr="00:0d:93:eb:b0:8c")
            dev.set_key(rtdriver.CIPHER_CCMP, bytes(16), addr=bytes.fromhex("000d93eb0001"))
            self.assertEqual(sorted(e.addr for e in dev.keys()), ["00:0d:93:eb:00:01", "00:0d:93:eb:b0:8c"])
            twin = dev.get_key("00:0d:93:eb:b0:8c")
            self.assertEqual(twin.cipher, rtdriver.CIPHER_CCMP)
            twin.close()
            dev.del_key(bytes.fromhex("000d93ebb08c"))
            dev.del_key("00:0d:93:eb:00:01")
            self.assertEqual(dev.keys(), [])
            with self.assertRaises(ValueError):
                dev.set_key(rtdriver.CIPHER_CCMP, bytes(16), addr="00-0d-93-eb-b0-8c")


if __name__ == "__main__":
    unittest.main()
