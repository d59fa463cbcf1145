"""The Douyin Shop (抖店) backend's pages, in Chinese by default and English by a switch."""
