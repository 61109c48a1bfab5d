import unittest

import rtdriver
from rtdriver import RtError
from tests.support import library


class DeviceTests(unittest.TestCase):
    def setUp(self):
        library()

    def test_emulated_nic_info_firmware_registers_and_keys(self):
        with rtdriver.Device("emu:rt2860") as dev:
            info = dev.info()
            self.assertEqual(info.chip_id, 0x2860)
            self.assertEqual(info.bus, rtdriver.BUS_EMULATOR)
            self.assertEqual(len(info.mac), 6)
            self.assertIn("2860", info.name)
            dev.load_firmware()
            self.assertTrue(dev.info().firmware_loaded)
            self.assertEqual(dev.read32(0x1000) >> 16, 0x2860)  # MAC_CSR0: chip id in the upper half
            peer = bytes.fromhex("001122334455")
            placed = dev.set_key(rtdriver.CIPHER_CCMP, bytes(range(16)), addr=peer, flags=rtdriver.KEY_PAIRWISE)
            self.assertIn(placed, (rtdriver.PLACED_HARDWARE, rtdriver.PLACED_SOFTWARE))
            placed = dev.set_key(rtdriver.CIPHER_GCMP, bytes(range(16)), addr=bytes.fromhex("001122334466"))
            self.assertEqual(placed, rtdriver.PLACED_SOFTWARE)  # the chip has no GCMP
            dev.del_key(peer, 0, rtdriver.KEY_PAIRWISE)

    def test_open_errors_carry_status_and_sentence(self):
        with self.assertRaises(RtError) as ctx:
            rtdriver.Device("emu:rt9999")
        self.assertLess(ctx.exception.status, 0)
        self.assertIn("rt9999", ctx.exception.message)


if __name__ == "__main__":
    unittest.main()
