import unittest

import rtdriver
from rtdriver import RtError
from tests.support import library


class ReadableTests(unittest.TestCase):
    """DeviceInfo and RtError read the way rtprobe prints them."""

    def setUp(self):
        library()

    def test_device_info_shows_mac_as_a_string_and_ids_in_hex(self):
        with rtdriver.Device("emu:rt2860,mac=00:0d:93:eb:b0:8c") as dev:
            dev.load_firmware()
            info = dev.info()
        self.assertEqual(info.mac, "00:0d:93:eb:b0:8c")
        self.assertEqual(info.chip_id, 0x2860)
        self.assertEqual(info.chip_id_hex, "0x2860")
        self.assertEqual(info.bus_name, "emulator")
        text = repr(info)
        for part in ("chip_id=0x2860", "mac='00:0d:93:eb:b0:8c'", "bus='emulator'", f"firmware_crc=0x{info.firmware_crc:04x}",
                     "name='RT2860 (emulated)'"):
            self.assertIn(part, text)

    def test_str_of_an_error_names_the_function_once(self):
        with rtdriver.Key(rtdriver.CIPHER_CCMP, bytes(16)) as tx, rtdriver.Key(rtdriver.CIPHER_CCMP, bytes(16), 1) as rx:
            frame = tx.encrypt(b"\x08\x01\x00\x00" + bytes(18) + b"\x10\x00" + b"payload")
            with self.assertRaises(RtError) as ctx:
                rx.decrypt(frame)  # key id 0 against a key with id 1: the library's sentence starts "rt_frame_decrypt: "
        e = ctx.exception
        self.assertTrue(e.message.startswith("rt_frame_decrypt: "), e.message)  # .message is the library's, untouched
        self.assertEqual(str(e).count("rt_frame_decrypt"), 1, str(e))
        self.assertTrue(str(e).startswith("rt_frame_decrypt: RT_ERR_NO_KEY: "), str(e))

    def test_str_of_a_device_error_names_the_function_once(self):
        # The library begins these sentences with the short name ("set_key: ", "load_firmware: ").
        with rtdriver.Device("emu:rt2860") as dev:
            with self.assertRaises(RtError) as ctx:
                dev.set_key(rtdriver.CIPHER_CCMP, bytes(5), addr="00:0d:93:eb:b0:8c")
            with self.assertRaises(RtError) as fw:
                dev.load_firmware("/dev/zero")
        for e, short in ((ctx.exception, "set_key"), (fw.exception, "load_firmware")):
            self.assertTrue(e.message.startswith(short + ": "), e.message)
            self.assertNotIn(": " + short + ": ", str(e))
            self.assertEqual(str(e).count(short), 1, str(e))

    def test_str_of_an_error_keeps_every_part(self):
        self.assertEqual(str(RtError(-13, "RT_ERR_MIC", "MIC mismatch", "rt_frame_decrypt")),
                         "rt_frame_decrypt: RT_ERR_MIC: MIC mismatch")
        self.assertEqual(str(RtError(-13, "RT_ERR_MIC", "rt_frame_decrypt: MIC mismatch", "rt_frame_decrypt")),
                         "rt_frame_decrypt: RT_ERR_MIC: MIC mismatch")
        self.assertEqual(str(RtError(-13, "RT_ERR_MIC", "", "rt_frame_decrypt")), "rt_frame_decrypt: RT_ERR_MIC")
        self.assertEqual(str(RtError(-13, "RT_ERR_MIC", "MIC mismatch")), "RT_ERR_MIC: MIC mismatch")


if __name__ == "__main__":
    unittest.main()
